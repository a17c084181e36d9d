import { execFileSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import {
  ipmiSimAvailable,
  IpmiSimBmc,
  startIpmiSim,
} from '@metal3-fleet/metal3-lab';
import { createSsrfGuard } from '../ssrf';
import { BmcReader } from '../types';
import { createIpmiReader, IpmiReaderOptions } from './createIpmiReader';

const PASSWORD = 'Sim-Admin-Pa55';
// IPMI 2.0 passwords are at most 20 bytes; longer ones never reach the BMC.
const SENTINEL = 'S3ntinel-pw-9876';

function ipmitoolAvailable(): boolean {
  try {
    execFileSync('ipmitool', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const haveTools = ipmiSimAvailable() && ipmitoolAvailable();
if (!haveTools) {
  // eslint-disable-next-line no-console
  console.warn(
    'ipmi_sim or ipmitool missing (Debian packages openipmi, ipmitool; see scripts/system-packages.sh): the IPMI simulator test is skipped',
  );
}

/** A UDP port on loopback that nothing listens on right now. */
async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>(resolve => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>(resolve => socket.close(() => resolve()));
  return port;
}

(haveTools ? describe : describe.skip)('IPMI reader against ipmi_sim', () => {
  jest.setTimeout(30_000);
  let sim: IpmiSimBmc | undefined;
  let port: number;
  // Short waits: ipmi_sim answers in milliseconds, silence costs -N x tries.
  const options: IpmiReaderOptions = {
    guard: createSsrfGuard({ allow: ['loopback'] }),
    connectTimeoutMs: 1000,
    retries: 1,
    cipherSuite: 3,
    requestTimeoutMs: 15_000,
  };
  const reader = (
    password = PASSWORD,
    extra: Partial<IpmiReaderOptions> = {},
  ) =>
    createIpmiReader(
      { address: `ipmi://127.0.0.1:${port}`, username: 'admin', password },
      { ...options, ...extra },
    );

  beforeAll(async () => {
    port = await freeUdpPort();
    sim = startIpmiSim({
      ip: '127.0.0.1',
      port,
      password: PASSWORD,
      power: 'On',
      onPowerChange: () => {},
    });
    // ipmi_sim needs a moment to bind its port.
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await reader().authenticate();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise(r => setTimeout(r, 200));
      }
    }
  });
  afterAll(() => sim?.stop());

  it('reads power, health and the FRU identity', async () => {
    const bmc: BmcReader = reader();
    await expect(bmc.system()).resolves.toEqual({
      powerState: 'On',
      health: 'OK',
    });
    const inventory = await bmc.inventory();
    expect(inventory.system).toEqual({
      manufacturer: 'Example Systems',
      model: 'ExampleServer 1U',
      serialNumber: 'PRD-SN-98765',
      sku: 'ES1U-A',
      powerState: 'On',
      health: 'OK',
    });
    expect(inventory.nics).toEqual([
      expect.objectContaining({
        name: 'BMC LAN channel 1',
        mac: '52:54:00:aa:bb:01',
      }),
    ]);
    expect(JSON.stringify(inventory)).not.toContain(PASSWORD);
  });

  it('follows a power change made on the simulated chassis', async () => {
    sim!.setPower('Off');
    try {
      await expect(reader().system()).resolves.toMatchObject({
        powerState: 'Off',
      });
    } finally {
      sim!.setPower('On');
    }
  });

  it('reads sensors, the SEL newest first with a cap, and the BMC firmware', async () => {
    const bmc = reader(PASSWORD, { maxLogEntries: 3 });
    const { sensors } = await bmc.sensors();
    expect(sensors).toEqual([
      {
        name: 'CPU1 Temp',
        kind: 'temperature',
        unit: 'Cel',
        reading: 48,
        health: 'OK',
      },
      {
        name: 'Inlet Temp',
        kind: 'temperature',
        unit: 'Cel',
        reading: 24,
        health: 'OK',
      },
      { name: 'FAN1', kind: 'fan', unit: 'RPM', reading: 8400, health: 'OK' },
      { name: '12V', kind: 'voltage', unit: 'V', reading: 12.06, health: 'OK' },
    ]);
    const entries = await bmc.logEntries();
    expect(entries.map(e => e.id)).toEqual(['5', '4', '3']);
    expect(entries[0]).toEqual({
      id: '5',
      message: 'Power Supply #0x12: Failure detected, Asserted',
      severity: 'Critical',
    });
    await expect(bmc.firmware()).resolves.toEqual([
      { name: 'BMC firmware', version: '9.08' },
    ]);
  });

  it('reads as a USER-level account with -L USER', async () => {
    const viewer = createIpmiReader(
      {
        address: `ipmi://127.0.0.1:${port}?privilegelevel=USER`,
        username: 'viewer',
        password: 'viewpass',
      },
      options,
    );
    await expect(viewer.system()).resolves.toMatchObject({ powerState: 'On' });
  });

  it('reports a wrong password as auth, quickly, without the password', async () => {
    const started = Date.now();
    const error = await reader(SENTINEL)
      .authenticate()
      .catch(e => e);
    expect(error).toMatchObject({ name: 'BmcError', kind: 'auth' });
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(`${error.message}\n${error.stack}`).not.toContain(SENTINEL);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reports a password longer than IPMI allows as auth', async () => {
    const error = await reader(`${SENTINEL}-much-too-long`)
      .authenticate()
      .catch(e => e);
    expect(error.kind).toBe('auth');
    expect(`${error.message}\n${error.stack}`).not.toContain(SENTINEL);
  });

  it('reports a closed port as timeout within the short -N/-R budget', async () => {
    const closed = await freeUdpPort();
    const started = Date.now();
    const error = await createIpmiReader(
      {
        address: `ipmi://127.0.0.1:${closed}`,
        username: 'admin',
        password: SENTINEL,
      },
      options,
    )
      .authenticate()
      .catch(e => e);
    expect(error.kind).toBe('timeout');
    expect(`${error.message}\n${error.stack}`).not.toContain(SENTINEL);
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('runs no ipmitool when the guard refuses loopback', async () => {
    const execFile = jest.fn();
    const refused = createIpmiReader(
      {
        address: `ipmi://127.0.0.1:${port}`,
        username: 'admin',
        password: SENTINEL,
      },
      { ...options, guard: createSsrfGuard(), execFile },
    );
    const error = await refused.system().catch(e => e);
    expect(error).toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/loopback/),
    });
    expect(error.message).not.toContain(SENTINEL);
    expect(execFile).not.toHaveBeenCalled();
  });
});
