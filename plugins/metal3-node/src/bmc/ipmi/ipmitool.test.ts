import { BmcError } from '../types';
import {
  createIpmitoolRunner,
  ExecFileSeam,
  ipmitoolArgs,
  IpmitoolSession,
} from './ipmitool';

const SENTINEL = 'S3ntinel-pa55word';
const session: IpmitoolSession = {
  bmc: 'bmc.example:623',
  address: '192.0.2.10',
  port: 623,
  username: 'admin',
  password: SENTINEL,
  interface: 'lanplus',
  timeoutSeconds: 2,
  retries: 2,
};

type Call = {
  file: string;
  args: string[];
  options: Parameters<ExecFileSeam>[2];
};

function fakeExecFile(
  answer: (call: Call) => {
    error?: any;
    stdout?: string;
    stderr?: string;
    delayMs?: number;
  },
) {
  const calls: Call[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const execFile: ExecFileSeam = (file, args, options, callback) => {
    const call = { file, args, options };
    calls.push(call);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const {
      error = null,
      stdout = '',
      stderr = '',
      delayMs = 0,
    } = answer(call);
    setTimeout(() => {
      inFlight--;
      callback(error, stdout, stderr);
    }, delayMs);
    return undefined;
  };
  return { execFile, calls, maxInFlight: () => maxInFlight };
}

describe('ipmitoolArgs', () => {
  it('builds lanplus argv with -E and without the password', () => {
    const args = ipmitoolArgs(
      { ...session, privilegeLevel: 'USER', cipherSuite: 17 },
      ['chassis', 'power', 'status'],
    );
    expect(args).toEqual([
      '-I',
      'lanplus',
      '-H',
      '192.0.2.10',
      '-p',
      '623',
      '-U',
      'admin',
      '-E',
      '-N',
      '2',
      '-R',
      '2',
      '-L',
      'USER',
      '-C',
      '17',
      'chassis',
      'power',
      'status',
    ]);
    expect(args.join(' ')).not.toContain(SENTINEL);
    expect(args).not.toContain('-P');
  });

  it('never passes -R 0 (ipmitool would fall back to 4 retries) nor -C on IPMI 1.5', () => {
    const args = ipmitoolArgs(
      {
        ...session,
        retries: 0,
        interface: 'lan',
        cipherSuite: 3,
        username: '',
      },
      ['mc', 'info'],
    );
    expect(args).toEqual([
      '-I',
      'lan',
      '-H',
      '192.0.2.10',
      '-p',
      '623',
      '-E',
      '-N',
      '2',
      '-R',
      '1',
      'mc',
      'info',
    ]);
  });
});

describe('createIpmitoolRunner', () => {
  it('runs ipmitool with the password only in IPMI_PASSWORD and a minimal environment', async () => {
    const fake = fakeExecFile(() => ({ stdout: 'Chassis Power is on\n' }));
    const run = createIpmitoolRunner({
      ipmitoolPath: '/usr/bin/ipmitool',
      hardTimeoutMs: 7000,
      execFile: fake.execFile,
    });
    await expect(run(session, ['chassis', 'power', 'status'])).resolves.toBe(
      'Chassis Power is on\n',
    );
    const [call] = fake.calls;
    expect(call.file).toBe('/usr/bin/ipmitool');
    expect(call.args.some(a => a.includes(SENTINEL))).toBe(false);
    expect(call.options.env.IPMI_PASSWORD).toBe(SENTINEL);
    expect(Object.keys(call.options.env).sort()).toEqual([
      'IPMI_PASSWORD',
      'LC_ALL',
      'PATH',
      'TZ',
    ]);
    expect(call.options).toMatchObject({
      timeout: 7000,
      killSignal: 'SIGKILL',
    });
  });

  it('succeeds on exit 0 even when ipmitool warns on stderr', async () => {
    const fake = fakeExecFile(() => ({
      stdout: 'Chassis Power is on\n',
      stderr: 'Unable to Get Channel Cipher Suites\n',
    }));
    const run = createIpmitoolRunner({
      hardTimeoutMs: 1000,
      execFile: fake.execFile,
    });
    await expect(run(session, ['chassis', 'power', 'status'])).resolves.toMatch(
      /on/,
    );
  });

  it('keeps at most two ipmitool processes in flight', async () => {
    const fake = fakeExecFile(() => ({ stdout: 'ok', delayMs: 20 }));
    const run = createIpmitoolRunner({
      hardTimeoutMs: 1000,
      execFile: fake.execFile,
    });
    await Promise.all(
      Array.from({ length: 6 }, () => run(session, ['mc', 'info'])),
    );
    expect(fake.calls).toHaveLength(6);
    expect(fake.maxInFlight()).toBe(2);
  });

  it('maps a failure to a BmcError naming the host, without the password anywhere', async () => {
    const error = Object.assign(
      new Error(`Command failed: ipmitool ... IPMI_PASSWORD=${SENTINEL}`),
      {
        code: 1,
      },
    );
    const fake = fakeExecFile(() => ({
      error,
      stderr: 'Error: Unable to establish IPMI v2 / RMCP+ session\n',
    }));
    const run = createIpmitoolRunner({
      hardTimeoutMs: 1000,
      execFile: fake.execFile,
    });
    const failure = await run(session, ['chassis', 'power', 'status']).catch(
      e => e,
    );
    expect(failure).toBeInstanceOf(BmcError);
    expect(failure.kind).toBe('auth');
    expect(failure.message).toMatch(/^IPMI BMC bmc\.example:623/);
    expect(failure.cause).toBeUndefined();
    expect(
      JSON.stringify({
        ...failure,
        message: failure.message,
        stack: failure.stack,
      }),
    ).not.toContain(SENTINEL);
  });

  it('maps a hard-timeout kill and a missing binary', async () => {
    const killed = fakeExecFile(() => ({
      error: Object.assign(new Error('killed'), { killed: true, code: null }),
    }));
    const kill = await createIpmitoolRunner({
      hardTimeoutMs: 10,
      execFile: killed.execFile,
    })(session, ['sensor', 'list']).catch(e => e);
    expect(kill.kind).toBe('timeout');
    const missing = fakeExecFile(() => ({
      error: Object.assign(new Error('spawn ipmitool ENOENT'), {
        code: 'ENOENT',
      }),
    }));
    const enoent = await createIpmitoolRunner({
      hardTimeoutMs: 10,
      execFile: missing.execFile,
    })(session, ['mc', 'info']).catch(e => e);
    expect(enoent.kind).toBe('unsupported');
    expect(enoent.message).toMatch(/not installed/);
  });

  it('runs nothing once the caller has aborted', async () => {
    const fake = fakeExecFile(() => ({ stdout: 'ok' }));
    const controller = new AbortController();
    controller.abort();
    const run = createIpmitoolRunner({
      hardTimeoutMs: 1000,
      execFile: fake.execFile,
      signal: controller.signal,
    });
    await expect(run(session, ['mc', 'info'])).rejects.toMatchObject({
      kind: 'timeout',
    });
    expect(fake.calls).toHaveLength(0);
  });
});
