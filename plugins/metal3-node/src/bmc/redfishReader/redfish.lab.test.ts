import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import { mkdtempSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSsrfGuard } from '../ssrf';
import { BmcError } from '../types';
import { createRedfishReader } from './createRedfishReader';

const SENTINEL = 'sentinel-lab-redfish-password-81d2';
const HOST = { group: 'metal3.io', resource: 'baremetalhosts' };
const guard = createSsrfGuard({ allow: ['loopback'] });

/**
 * The Redfish reader against the lab's emulated BMCs: real HTTPS servers on
 * 127.100.x.y with the lab CA's certificates, sessions, Basic auth, and the
 * BareMetalHost objects they belong to.
 */
describe('Redfish reader against the lab BMCs', () => {
  let lab: RunningLab;

  beforeAll(async () => {
    lab = await startLab({
      stateDir: mkdtempSync(join(tmpdir(), 'lab-')),
      bmcPassword: SENTINEL,
      speed: 100,
    });
  }, 30_000);
  afterAll(() => lab.stop(), 30_000);

  const host = (name: string) => {
    const bmh = lab.clusters[0].store.get(HOST, 'metal3', name) as any;
    return {
      address: bmh.spec.bmc.address as string,
      bootMAC: bmh.spec.bootMACAddress as string,
      hostId: `kube-dc-mgmt:metal3/${name}`,
    };
  };
  const reader = (
    address: string,
    overrides: {
      password?: string;
      skipVerify?: boolean;
      timeoutMs?: number;
    } = {},
  ) =>
    createRedfishReader(
      {
        address,
        username: 'admin',
        password: overrides.password ?? SENTINEL,
        disableCertificateVerification: overrides.skipVerify ?? true,
      },
      {
        guard,
        requestTimeoutMs: overrides.timeoutMs ?? 5_000,
        connectTimeoutMs: 2_000,
        retries: 0,
      },
    );

  it("reads a host's inventory with the boot MAC its BareMetalHost holds, and logs out", async () => {
    const worker = host('worker-0');
    expect(worker.address).toMatch(/^redfish/);
    const r = reader(worker.address);
    const inventory = await r.inventory();
    const [sensors, logs] = await Promise.all([r.sensors(), r.logEntries()]);
    await r.close();
    expect(inventory.nics.map(n => n.mac)).toContain(
      worker.bootMAC.toLowerCase(),
    );
    expect(inventory.system.powerState).toMatch(/On|Off/);
    expect(sensors.sensors.length).toBeGreaterThan(0);
    expect(Array.isArray(logs)).toBe(true);
    expect(JSON.stringify({ inventory, sensors, logs })).not.toContain(
      SENTINEL,
    );
    expect(lab.bmcs.openSessions()).toBe(0);
  });

  it('reports a wrong password as rejected credentials', async () => {
    const error = await reader(host('worker-1').address, {
      password: 'not-the-password',
    })
      .authenticate()
      .catch(e => e);
    expect(error).toBeInstanceOf(BmcError);
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/rejected the credentials for user admin/);
  });

  it('reports a closed port as unreachable', async () => {
    const probe = createServer();
    await new Promise<void>(r => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise(r => probe.close(r));
    const error = await reader(
      `redfish://127.0.0.1:${port}/redfish/v1/Systems/1`,
    )
      .system()
      .catch(e => e);
    expect(error.kind).toBe('connect');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('gives up on a hung BMC after the request timeout', async () => {
    const hung = host('worker-2');
    lab.bmcs.setFault(hung.hostId, 'hang');
    try {
      const started = Date.now();
      const error = await reader(hung.address, { timeoutMs: 1_000 })
        .system()
        .catch(e => e);
      expect(error.kind).toBe('timeout');
      expect(error.message).toMatch(/did not answer/);
      expect(Date.now() - started).toBeLessThan(4_000);
    } finally {
      lab.bmcs.setFault(hung.hostId, undefined);
    }
  });

  it('refuses the self-signed lab certificate unless verification is disabled, as BMO does', async () => {
    const worker = host('worker-3');
    const strict = await reader(worker.address, { skipVerify: false })
      .system()
      .catch(e => e);
    expect(strict.kind).toBe('tls');
    expect(strict.message).toMatch(/disableCertificateVerification/);
    const relaxed = reader(worker.address, { skipVerify: true });
    await expect(relaxed.system()).resolves.toEqual(
      expect.objectContaining({ powerState: expect.stringMatching(/On|Off/) }),
    );
    await relaxed.close();
    // With the lab's CA as the bundle, verification passes too.
    const trusted = createRedfishReader(
      {
        address: worker.address,
        username: 'admin',
        password: SENTINEL,
        caBundle: lab.bmcs.caPem(),
      },
      { guard },
    );
    await expect(trusted.system()).resolves.toBeDefined();
    await trusted.close();
    expect(lab.bmcs.openSessions()).toBe(0);
  });
});
