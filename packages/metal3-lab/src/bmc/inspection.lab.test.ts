import https from 'node:https';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningLab, startLab } from '../startLab';
import { R } from '../resourceKeys';
import { KubeObject } from '../types';
import { eventually } from '../testing/eventually';

/**
 * Inspection reads the emulated BMC: every seeded Redfish host's
 * BareMetalHost hardware equals what its BMC answers over HTTPS Redfish,
 * read here by following the links as any Redfish client would.
 */
jest.setTimeout(60_000);

const PASSWORD = 'lab-bmc-password';
let lab: RunningLab;
beforeAll(async () => {
  lab = await startLab({
    stateDir: mkdtempSync(join(tmpdir(), 'lab-inspect-')),
    speed: 600,
  });
});
afterAll(async () => {
  await lab?.stop();
});

function get(base: string, path: string): Promise<any> {
  return new Promise((resolve, reject) => {
    https
      .get(
        `${base}${path}`,
        { ca: lab.bmcs.caPem(), auth: `admin:${PASSWORD}` },
        res => {
          let text = '';
          res.on('data', c => (text += c));
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(JSON.parse(text))
              : reject(new Error(`${path}: ${res.statusCode}`)),
          );
        },
      )
      .on('error', reject);
  });
}

/** What the BMC of a host answers: system facts, CPU threads, memory, MACs. */
async function askBmc(host: KubeObject) {
  const [, rest] = String(host.spec.bmc.address).split('://');
  const base = `https://${rest.slice(0, rest.indexOf('/'))}`;
  const system = await get(base, rest.slice(rest.indexOf('/')));
  const members = async (collection: any) =>
    collection
      ? Promise.all(
          ((await get(base, collection['@odata.id'])).Members ?? []).map(
            (m: any) => get(base, m['@odata.id']),
          ),
        )
      : [];
  const present = (r: any) => r.Status?.State !== 'Absent';
  const cpus = (await members(system.Processors)).filter(
    (p: any) => present(p) && (p.ProcessorType ?? 'CPU') === 'CPU',
  );
  const dimms = (await members(system.Memory)).filter(present);
  const nics = (await members(system.EthernetInterfaces)).filter(
    (n: any) =>
      !n.Links?.HostInterface && n.EthernetInterfaceType !== 'Virtual',
  );
  return {
    cpuCount: cpus.reduce((n: number, p: any) => n + p.TotalThreads, 0),
    ramMebibytes: dimms.reduce((n: number, d: any) => n + d.CapacityMiB, 0),
    macs: [
      ...new Set(
        nics.map((n: any) =>
          String(n.PermanentMACAddress || n.MACAddress).toLowerCase(),
        ),
      ),
    ],
    serialNumber: system.SerialNumber,
    manufacturer: system.Manufacturer,
    model: system.Model,
    biosVersion: system.BiosVersion,
  };
}

const hardwareFacts = (host: KubeObject) => {
  const hw = host.status.hardware;
  return {
    cpuCount: hw.cpu.count,
    ramMebibytes: hw.ramMebibytes,
    macs: hw.nics.map((n: any) => n.mac),
    serialNumber: hw.systemVendor.serialNumber,
    manufacturer: hw.systemVendor.manufacturer,
    model: hw.systemVendor.productName,
    biosVersion: hw.firmware.bios.version,
  };
};

const redfishHosts = () =>
  lab.clusters.flatMap(c =>
    c.store
      .list(R.bmh)
      .filter(h => String(h.spec.bmc.address).startsWith('redfish'))
      .map(host => ({ cluster: c, host })),
  );

it('gives every seeded Redfish host the hardware its emulated BMC answers', async () => {
  const hosts = redfishHosts().filter(({ host }) => host.status.hardware);
  expect(hosts.length).toBeGreaterThanOrEqual(14);
  for (const { host } of hosts) {
    const bmc = await askBmc(host);
    expect(bmc.cpuCount).toBeGreaterThan(0);
    expect(bmc.macs.length).toBeGreaterThan(0);
    expect({ host: host.metadata.name, ...hardwareFacts(host) }).toEqual({
      host: host.metadata.name,
      ...bmc,
    });
    // The boot MAC is the BMC's first port.
    expect(host.spec.bootMACAddress).toBe(bmc.macs[0]);
  }
});

it('records the BMC inventory again when a host is inspected anew', async () => {
  const store = lab.clusters[0].store;
  const before = store.get(R.bmh, 'metal3', 'worker-3')!;
  store.update(R.bmh, {
    ...before,
    metadata: {
      ...before.metadata,
      annotations: { ...before.metadata.annotations, 'inspect.metal3.io': '' },
    },
  });
  await eventually(
    () =>
      store.get(R.bmh, 'metal3', 'worker-3')!.status.provisioning.state ===
      'inspecting',
  );
  const after = await eventually(() => {
    const host = store.get(R.bmh, 'metal3', 'worker-3')!;
    return host.status.provisioning.state === 'available' ? host : undefined;
  });
  expect(hardwareFacts(after)).toEqual(await askBmc(after));
});
