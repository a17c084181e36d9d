import https from 'node:https';
import { hardwareFromRedfish } from './bmhHardware';
import { createBmcFleet } from './createBmcFleet';
import { identityRewrite } from './hostIdentity';
import { identityFromHostId } from './identityFromHostId';
import { loadMockup, members } from './mockupTree';
import { servedReader } from './servedReader';

const MOCKUPS = [
  'dmtf-public-rackmount1',
  'dmtf-public-bladed',
  'hpe-ilo5-proliant-dl325-gen10plus',
];

function get(
  ca: string,
  url: string,
  auth?: string,
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, auth }, res => {
        let text = '';
        res.on('data', chunk => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode!, body: text && JSON.parse(text) }),
        );
      })
      .on('error', reject);
  });
}

describe('a fleet of emulated BMCs on 127.0.0.1', () => {
  it('starts and stops 20 hosts quickly, each serving its own identity', async () => {
    const started = Date.now();
    const fleet = createBmcFleet({ ips: ['127.0.0.1'] });
    try {
      const hosts = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const hostId = `host-${i}`;
          const mockup = MOCKUPS[i % MOCKUPS.length];
          const tree = loadMockup(mockup);
          const identity = identityFromHostId(hostId, tree);
          const bmc = await fleet.addHost({
            hostId,
            mockup,
            ip: '127.0.0.1',
            port: 0,
            username: 'admin',
            password: `pw-${i}`,
            identity,
          });
          const hardware = hardwareFromRedfish(
            servedReader(tree, identityRewrite(tree, identity)),
            members(tree, '/redfish/v1/Systems')[0],
          );
          return { i, bmc, hardware };
        }),
      );
      const macs = hosts.flatMap(h => h.hardware.nics.map(n => n.mac));
      expect(new Set(macs).size).toBe(macs.length);
      expect(new Set(hosts.map(h => h.bmc.address)).size).toBe(20);

      // What the lab records is what a Redfish client reads from the BMC.
      for (const { i, bmc, hardware } of hosts) {
        const url = bmc.address.replace(/^redfish\+/, '');
        const system = await get(fleet.caPem(), url, `admin:pw-${i}`);
        expect(system.status).toBe(200);
        expect(system.body.SerialNumber).toBe(
          hardware.systemVendor.serialNumber,
        );
        const link = system.body.EthernetInterfaces?.['@odata.id'];
        if (!link || hardware.nics.length === 0) continue;
        const origin = new URL(url).origin;
        const nics = await get(
          fleet.caPem(),
          `${origin}${link}`,
          `admin:pw-${i}`,
        );
        const first = await get(
          fleet.caPem(),
          `${origin}${nics.body.Members[0]['@odata.id']}`,
          `admin:pw-${i}`,
        );
        expect(
          (
            first.body.PermanentMACAddress ?? first.body.MACAddress
          ).toLowerCase(),
        ).toBe(hardware.nics[0].mac);
      }
    } finally {
      await fleet.stop();
    }
    // One openssl CA for the fleet, then loopback listeners: seconds at most.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stop() cuts connections a hung BMC holds open', async () => {
    const fleet = createBmcFleet({ ips: ['127.0.0.1'] });
    const bmc = await fleet.addHost({
      hostId: 'hung',
      mockup: 'dmtf-public-bladed',
      ip: '127.0.0.1',
      port: 0,
      username: 'admin',
      password: 'pw',
      identity: identityFromHostId('hung', loadMockup('dmtf-public-bladed')),
    });
    fleet.setFault('hung', 'hang');
    const origin = new URL(bmc.address.replace(/^redfish\+/, '')).origin;
    const pending = get(fleet.caPem(), `${origin}/redfish/v1`);
    await new Promise(resolve => setTimeout(resolve, 100));
    const stopping = Date.now();
    await fleet.stop();
    await expect(pending).rejects.toThrow();
    expect(Date.now() - stopping).toBeLessThan(1000);
  });
});
