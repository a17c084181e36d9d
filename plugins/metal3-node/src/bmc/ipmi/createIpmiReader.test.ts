import { transcript } from './__fixtures__/transcript';
import { createIpmiReader, IpmiReaderOptions } from './createIpmiReader';
import { ExecFileSeam } from './ipmitool';
import { GuardVerdict } from '../ssrf';

const SENTINEL = 'S3ntinel-pa55word';

// ipmitool's answers by command, from the captured transcripts.
const OUTPUTS: Record<string, string> = {
  'chassis power status': transcript('chassis-power-status.txt'),
  'chassis status': transcript('chassis-status.txt'),
  'fru print 0': transcript('fru-print.txt'),
  'lan print 1': transcript('lan-print-1.txt'),
  'sensor list': transcript('sensor-list.txt'),
  'mc info': transcript('mc-info.txt'),
};

/** The ipmitool command after the options (each option here takes a value, except -E). */
function commandOf(args: string[]): string {
  let i = 0;
  while (args[i]?.startsWith('-')) i += args[i] === '-E' ? 1 : 2;
  return args.slice(i).join(' ');
}

type Answer = { stdout?: string; stderr?: string; code?: number };

function setup(
  overrides: Partial<IpmiReaderOptions> = {},
  answer: (command: string) => Answer | undefined = () => undefined,
) {
  const calls: { args: string[]; env: Record<string, string> }[] = [];
  const execFile: ExecFileSeam = (_file, args, options, callback) => {
    calls.push({ args, env: options.env });
    const command = commandOf(args);
    const given = answer(command);
    const stdout =
      given?.stdout ??
      (command.startsWith('sel elist last')
        ? transcript('sel-elist.txt')
        : OUTPUTS[command]);
    setImmediate(() => {
      if (given?.code || stdout === undefined) {
        const error = Object.assign(new Error('Command failed'), {
          code: given?.code ?? 1,
        });
        callback(error, '', given?.stderr ?? 'Invalid command\n');
      } else {
        callback(null, stdout, given?.stderr ?? '');
      }
    });
  };
  const guard = jest.fn(
    async (host: string): Promise<GuardVerdict> =>
      host === 'bmc.example'
        ? { ok: true, address: '192.0.2.77', family: 4 }
        : { ok: true, address: host, family: 4 },
  );
  const options: IpmiReaderOptions = { guard, execFile, ...overrides };
  const reader = (address = 'ipmi://bmc.example') =>
    createIpmiReader(
      { address, username: 'admin', password: SENTINEL },
      options,
    );
  return { reader, calls, guard };
}

describe('createIpmiReader', () => {
  it('reads power and health, running ipmitool against the guarded address', async () => {
    const { reader, calls, guard } = setup();
    const bmc = reader();
    expect(bmc.protocol).toBe('ipmi');
    await expect(bmc.system()).resolves.toEqual({
      powerState: 'On',
      health: 'OK',
    });
    await bmc.authenticate();
    expect(guard).toHaveBeenCalledTimes(1);
    expect(guard).toHaveBeenCalledWith('bmc.example');
    for (const { args, env } of calls) {
      expect(args.slice(0, 6)).toEqual([
        '-I',
        'lanplus',
        '-H',
        '192.0.2.77',
        '-p',
        '623',
      ]);
      expect(args).toContain('-E');
      expect(args.join(' ')).not.toContain(SENTINEL);
      expect(env.IPMI_PASSWORD).toBe(SENTINEL);
    }
  });

  it('passes timeouts, retries, privilege and cipher suite', async () => {
    const { reader, calls } = setup({
      connectTimeoutMs: 1500,
      retries: 1,
      cipherSuite: 3,
    });
    await reader(
      'ipmi://192.0.2.9:6230?privilegelevel=OPERATOR',
    ).authenticate();
    expect(calls[0].args).toEqual([
      '-I',
      'lanplus',
      '-H',
      '192.0.2.9',
      '-p',
      '6230',
      '-U',
      'admin',
      '-E',
      '-N',
      '2',
      '-R',
      '1',
      '-L',
      'OPERATOR',
      '-C',
      '3',
      'chassis',
      'power',
      'status',
    ]);
    const override = setup({ privilegeLevel: 'USER', interface: 'lan' });
    await override
      .reader('ipmi://192.0.2.9?privilegelevel=OPERATOR')
      .authenticate();
    expect(override.calls[0].args).toEqual(
      expect.arrayContaining(['-I', 'lan', '-L', 'USER']),
    );
  });

  it('rates chassis faults, and reads power alone when chassis status is missing', async () => {
    const faulty = setup({}, command =>
      command === 'chassis status'
        ? {
            stdout: OUTPUTS[command].replace(
              'Drive Fault          : false',
              'Drive Fault          : true',
            ),
          }
        : undefined,
    );
    await expect(faulty.reader().system()).resolves.toEqual({
      powerState: 'On',
      health: 'Warning',
    });
    const bare = setup({}, command =>
      command === 'chassis status' ? { code: 1 } : undefined,
    );
    await expect(bare.reader().system()).resolves.toEqual({ powerState: 'On' });
  });

  it('builds the inventory from FRU 0 and the BMC port, scanning LAN channels', async () => {
    const lanAnswers: Record<string, Answer> = {
      'lan print 1': { code: 1, stderr: 'Invalid channel: 1\n' },
      'lan print 2': { stdout: OUTPUTS['lan print 1'] },
    };
    const { reader, calls } = setup({}, command => lanAnswers[command]);
    const inventory = await reader().inventory();
    expect(inventory).toEqual({
      system: {
        manufacturer: 'Example Systems',
        model: 'ExampleServer 1U',
        serialNumber: 'PRD-SN-98765',
        sku: 'ES1U-A',
        powerState: 'On',
        health: 'OK',
      },
      processors: {},
      memory: {},
      disks: [],
      nics: [
        {
          name: 'BMC LAN channel 2',
          mac: '52:54:00:aa:bb:01',
          note: expect.stringMatching(/not a host NIC/),
        },
      ],
    });
    expect(calls.map(c => c.args.slice(-3).join(' '))).toEqual(
      expect.arrayContaining(['lan print 1', 'lan print 2', 'fru print 0']),
    );
  });

  it('reads sensors, the newest SEL entries with a cap, and the BMC firmware', async () => {
    const { reader, calls } = setup({ maxLogEntries: 2 });
    const bmc = reader();
    const { sensors } = await bmc.sensors();
    expect(sensors.map(s => `${s.name}=${s.reading}${s.unit}`)).toEqual([
      'CPU1 Temp=48Cel',
      'Inlet Temp=24Cel',
      'FAN1=8400RPM',
      '12V=12.06V',
    ]);
    expect((await bmc.logEntries()).map(e => e.id)).toEqual(['5', '4']);
    expect(
      calls.some(c => c.args.slice(-4).join(' ') === 'sel elist last 2'),
    ).toBe(true);
    await expect(bmc.firmware()).resolves.toEqual([
      { name: 'BMC firmware', version: '9.08' },
    ]);
    await expect(bmc.close()).resolves.toBeUndefined();
  });

  it('refuses before running anything when the guard says no', async () => {
    const { reader, calls } = setup({
      guard: async host => ({
        ok: false,
        message: `BMC host ${host} resolves to 127.0.0.1, which is refused (loopback)`,
      }),
    });
    await expect(
      reader('ipmi://127.0.0.1').authenticate(),
    ).rejects.toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/loopback/),
    });
    expect(calls).toHaveLength(0);
    const dns = setup({
      guard: async host => ({
        ok: false,
        message: `BMC host ${host} does not resolve (ENOTFOUND)`,
      }),
    });
    await expect(dns.reader().system()).rejects.toMatchObject({ kind: 'dns' });
  });

  it('rejects unusable addresses on first use without running ipmitool', async () => {
    const { reader, calls, guard } = setup();
    await expect(reader('ipmi://').system()).rejects.toMatchObject({
      kind: 'address',
    });
    await expect(
      reader('redfish://bmc.example/redfish/v1/Systems/1').system(),
    ).rejects.toMatchObject({
      kind: 'address',
      message: expect.stringMatching(/Redfish address/),
    });
    expect(guard).not.toHaveBeenCalled();
    expect(calls).toHaveLength(0);
  });

  it('fails authenticate with auth on a refused session, never revealing the password', async () => {
    const { reader } = setup({}, () => ({
      code: 1,
      stderr: `Error: Unable to establish IPMI v2 / RMCP+ session\n`,
    }));
    const error = await reader()
      .authenticate()
      .catch(e => e);
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/IPMI BMC bmc\.example:623/);
    expect(`${error.message}\n${error.stack}`).not.toContain(SENTINEL);
  });

  it('never puts the password in any result', async () => {
    const bmc = setup().reader();
    const results = await Promise.all([
      bmc.system(),
      bmc.inventory(),
      bmc.sensors(),
      bmc.logEntries(),
      bmc.firmware(),
    ]);
    expect(JSON.stringify(results)).not.toContain(SENTINEL);
  });
});
