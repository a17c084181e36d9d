import { BmcError, BmcReader } from '../types';
import {
  mockupBmc,
  MockupBmcOptions,
  setupMswServer,
} from './__testUtils__/mockupBmc';
import { createRedfishReader } from './createRedfishReader';

const SENTINEL = 'sentinel-redfish-password-3f9c';
const ORIGIN = 'https://192.0.2.10';
// The guard resolves every BMC to the documentation address msw answers for.
const guard = async () => ({
  ok: true as const,
  address: '192.0.2.10',
  family: 4 as const,
});

let server: Awaited<ReturnType<typeof setupMswServer>>;
beforeAll(async () => {
  server = await setupMswServer();
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function bmc(
  tree: MockupBmcOptions['tree'],
  address: string,
  extra: Partial<MockupBmcOptions> = {},
) {
  const mock = await mockupBmc({
    tree,
    origin: ORIGIN,
    username: 'admin',
    password: SENTINEL,
    ...extra,
  });
  server.use(...mock.handlers);
  const reader = createRedfishReader(
    { address, username: 'admin', password: SENTINEL },
    { guard, retries: 2 },
  );
  return { reader, stats: mock.stats };
}

/** Runs the reader, closes it, and proves no read leaked the password. */
async function read<T>(reader: BmcReader, fn: (r: BmcReader) => Promise<T>) {
  try {
    const result = await fn(reader);
    expect(JSON.stringify(result)).not.toContain(SENTINEL);
    return result;
  } finally {
    await reader.close();
  }
}

describe('Redfish reader over the DMTF rackmount1 mockup', () => {
  const address = 'redfish://bmc-rack.example';

  it('reads the inventory: the single system, CPUs, memory, disks and ranked NICs', async () => {
    const { reader, stats } = await bmc('dmtf-public-rackmount1', address);
    const inventory = await read(reader, r => r.inventory());
    expect(inventory.system).toEqual({
      id: '/redfish/v1/Systems/437XR1138R2',
      manufacturer: 'Contoso',
      model: '3500',
      serialNumber: '437XR1138R2',
      uuid: expect.any(String),
      sku: expect.any(String),
      biosVersion: expect.any(String),
      powerState: 'On',
      // HealthRollup, not Health: a CPU temperature is above its caution threshold.
      health: 'Warning',
    });
    // Processors lists two CPU sockets (one empty) and an FPGA: one CPU.
    expect(inventory.processors.count).toBe(1);
    expect(inventory.memory.totalGiB).toBe(96);
    expect(inventory.disks.length).toBeGreaterThan(0);
    // The burned-in MAC wins over the overridden one; the VLAN and the BMC's
    // host interface are not boot NICs.
    expect(inventory.nics.map(n => n.mac)).toEqual([
      '12:44:6a:3b:04:11',
      '12:44:6a:3b:88:90',
    ]);
    expect(stats.openSessions).toBe(0);
  });

  it('reads sensors, the newest log entries first, and firmware', async () => {
    const { reader } = await bmc('dmtf-public-rackmount1', address);
    const [sensors, logs, firmware] = await read(reader, r =>
      Promise.all([r.sensors(), r.logEntries(), r.firmware()]),
    );
    expect(sensors.sensors.length).toBeGreaterThan(3);
    expect(
      sensors.sensors.some(s => s.kind === 'temperature' && s.reading),
    ).toBe(true);
    expect(sensors.sensors.some(s => s.kind === 'fan')).toBe(true);
    expect(logs.length).toBeGreaterThan(0);
    const created = logs.map(l => l.created ?? '');
    expect([...created].sort().reverse()).toEqual(created);
    expect(firmware.length).toBeGreaterThan(0);
    expect(firmware[0]).toEqual(
      expect.objectContaining({ name: expect.any(String) }),
    );
  });

  it('follows Members@odata.nextLink pages', async () => {
    const { reader, stats } = await bmc('dmtf-public-rackmount1', address, {
      pageSize: 1,
    });
    const inventory = await read(reader, r => r.inventory());
    expect(inventory.nics).toHaveLength(2);
    expect(stats.requests).toContain(
      'GET /redfish/v1/Systems/437XR1138R2/EthernetInterfaces?$skip=1',
    );
  });

  it('waits out a busy BMC (503, Retry-After) and keeps a partial inventory when one resource fails', async () => {
    const { reader } = await bmc('dmtf-public-rackmount1', address, {
      busyOnce: ['/redfish/v1/Systems/437XR1138R2'],
      broken: ['/redfish/v1/Systems/437XR1138R2/EthernetInterfaces'],
    });
    const inventory = await read(reader, r => r.inventory());
    expect(inventory.system.serialNumber).toBe('437XR1138R2');
    expect(inventory.nics).toEqual([]);
  });

  it('assumes no system id: the same tree with another id reads the same', async () => {
    const { reader } = await bmc('dmtf-public-rackmount1', address, {
      rename: { from: '437XR1138R2', to: 'Node.Embedded.7' },
    });
    const inventory = await read(reader, r => r.inventory());
    expect(inventory.system.id).toBe('/redfish/v1/Systems/Node.Embedded.7');
    expect(inventory.nics).toHaveLength(2);
  });

  it('falls back to Basic authentication without a session service', async () => {
    const { reader, stats } = await bmc('dmtf-public-rackmount1', address, {
      basicOnly: true,
    });
    const system = await read(reader, r => r.system());
    expect(system.powerState).toBe('On');
    expect(stats.requests.filter(r => r.startsWith('DELETE'))).toEqual([]);
  });

  it('reads with Basic on every request when asked, opening no session', async () => {
    const mock = await mockupBmc({
      tree: 'dmtf-public-rackmount1',
      origin: ORIGIN,
      username: 'admin',
      password: SENTINEL,
    });
    server.use(...mock.handlers);
    const reader = createRedfishReader(
      { address, username: 'admin', password: SENTINEL },
      { guard, preferBasicAuth: true },
    );
    const system = await read(reader, r => r.system());
    expect(system.serialNumber).toBe('437XR1138R2');
    expect(mock.stats.requests.filter(r => !r.startsWith('GET'))).toEqual([]);
  });

  it('logs its session out even after the read was cancelled', async () => {
    const mock = await mockupBmc({
      tree: 'dmtf-public-rackmount1',
      origin: ORIGIN,
      username: 'admin',
      password: SENTINEL,
    });
    server.use(...mock.handlers);
    const controller = new AbortController();
    const reader = createRedfishReader(
      { address, username: 'admin', password: SENTINEL },
      { guard, signal: controller.signal },
    );
    await reader.authenticate();
    expect(mock.stats.openSessions).toBe(1);
    controller.abort();
    await expect(reader.inventory()).rejects.toThrow(/cancelled/);
    await reader.close();
    expect(mock.stats.openSessions).toBe(0);
  });

  it('says the credentials were rejected, naming the user but never the password', async () => {
    const mock = await mockupBmc({
      tree: 'dmtf-public-rackmount1',
      origin: ORIGIN,
      username: 'admin',
      password: 'the-right-one',
    });
    server.use(...mock.handlers);
    const reader = createRedfishReader(
      { address, username: 'admin', password: SENTINEL },
      { guard },
    );
    const error = await reader.authenticate().catch(e => e);
    expect(error).toBeInstanceOf(BmcError);
    expect(error.kind).toBe('auth');
    expect(error.message).toBe(
      'BMC bmc-rack.example rejected the credentials for user admin',
    );
    expect(`${error.message}${error.stack}`).not.toContain(SENTINEL);
  });
});

describe('Redfish reader over the DMTF bladed mockup (4 systems)', () => {
  it('asks for a system path when the service has several, listing them', async () => {
    const { reader } = await bmc(
      'dmtf-public-bladed',
      'redfish://enclosure.example',
    );
    const error = await reader.inventory().catch(e => e);
    await reader.close();
    expect(error.kind).toBe('not-found');
    expect(error.choices).toEqual([
      '/redfish/v1/Systems/529QB9450R6',
      '/redfish/v1/Systems/529QB9451R6',
      '/redfish/v1/Systems/529QB9452R6',
      '/redfish/v1/Systems/529QB9453R6',
    ]);
    expect(error.message).toContain('has 4 systems');
  });

  it("reads the system the address names, its sensors and its manager's log", async () => {
    const { reader, stats } = await bmc(
      'dmtf-public-bladed',
      'redfish://enclosure.example/redfish/v1/Systems/529QB9451R6',
    );
    const [inventory, sensors, logs, firmware] = await read(reader, r =>
      Promise.all([r.inventory(), r.sensors(), r.logEntries(), r.firmware()]),
    );
    expect(inventory.system.serialNumber).toBe('529QB9451R6');
    expect(inventory.system.model).toBe('SX1000');
    expect(inventory.memory.totalGiB).toBe(64);
    // No EthernetInterfaces on these systems: nothing to suggest, no error.
    expect(inventory.nics).toEqual([]);
    expect(sensors.sensors.some(s => s.kind === 'temperature')).toBe(true);
    // The blade's log lives on its manager (empty in this capture; the lab
    // adds entries at run time, see redfish.lab.test.ts).
    expect(logs).toEqual([]);
    expect(stats.requests).toContain(
      'GET /redfish/v1/Managers/Blade2BMC/LogServices/Log/Entries',
    );
    // No UpdateService in this tree.
    expect(firmware).toEqual([]);
  });
});

describe('Redfish reader over the HPE iLO 5 DL325 capture', () => {
  const address = 'ilo5-redfish://ilo.example';

  it('reads lower-case, trailing-slash links and the OS-named NICs', async () => {
    const { reader } = await bmc(
      'hpe-ilo5-proliant-dl325-gen10plus',
      'redfish://ilo.example',
    );
    const inventory = await read(reader, r => r.inventory());
    expect(inventory.system).toEqual(
      expect.objectContaining({
        manufacturer: 'HPE',
        model: 'ProLiant DL325 Gen10 Plus',
        serialNumber: 'MXQ019020B',
        powerState: 'On',
        health: 'OK',
      }),
    );
    // Trailing spaces trimmed.
    expect(inventory.processors.model).toBe('AMD EPYC 7302P 16-Core Processor');
    expect(inventory.memory.totalGiB).toBe(64);
    // This capture's Storage collection is empty (drives behind an HBA).
    expect(inventory.disks).toEqual([]);
    // Link-up first; iLO shows the OS's bond name, the MAC is the port's.
    expect(inventory.nics[0]).toEqual(
      expect.objectContaining({ mac: '94:40:c9:5c:86:bc', linkUp: true }),
    );
    expect(inventory.nics[0].note).toContain('the OS calls it bond0');
    expect(inventory.nics.map(n => n.linkUp)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('reads the old Thermal/Power sensors, the IML and the firmware inventory', async () => {
    const { reader } = await bmc('hpe-ilo5-proliant-dl325-gen10plus', address);
    const [sensors, logs, firmware] = await read(reader, r =>
      Promise.all([r.sensors(), r.logEntries(), r.firmware()]),
    );
    expect(
      sensors.sensors.filter(s => s.kind === 'temperature').length,
    ).toBeGreaterThan(3);
    expect(sensors.sensors.some(s => s.kind === 'fan' && s.unit === '%')).toBe(
      true,
    );
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.length).toBeLessThanOrEqual(50);
    expect(firmware.map(f => f.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/iLO/)]),
    );
  });
});
