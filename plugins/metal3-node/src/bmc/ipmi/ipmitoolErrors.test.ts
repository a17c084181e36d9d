import { transcript } from './__fixtures__/transcript';
import {
  ipmitoolDiagnostic,
  ipmitoolError,
  IpmitoolFailure,
} from './ipmitoolErrors';

const SENTINEL = 'S3ntinel-pa55word';
const base: IpmitoolFailure = {
  bmc: '10.0.0.5:623',
  stderr: '',
  exitCode: 1,
  elapsedMs: 40,
  timeoutSeconds: 2,
  password: SENTINEL,
};
const command = ['chassis', 'power', 'status'];

describe('ipmitoolError', () => {
  it('maps the captured wrong-password failure (fast) to auth', () => {
    const error = ipmitoolError(
      { ...base, stderr: transcript('errors.txt', 0) },
      command,
    );
    expect(error.kind).toBe('auth');
    expect(error.message).toBe(
      'IPMI BMC 10.0.0.5:623, "chassis power status": the BMC refused the session: wrong user name or password, or the user may not log in with privilege ADMINISTRATOR (ipmitool: Error: Unable to establish IPMI v2 / RMCP+ session)',
    );
  });

  it('maps the same message after the -N wait (nothing listening) to timeout', () => {
    const error = ipmitoolError(
      { ...base, stderr: transcript('errors.txt', 1), elapsedMs: 2064 },
      command,
    );
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/no answer on the IPMI port after 2 s/);
  });

  it('maps a password IPMI cannot carry to auth', () => {
    const error = ipmitoolError(
      { ...base, stderr: 'lanplus: password is longer than 20 bytes.\n' },
      command,
    );
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/longer than IPMI allows/);
  });

  it('maps the captured insufficient privilege failure to forbidden, without HPM noise', () => {
    const error = ipmitoolError(
      { ...base, stderr: transcript('errors.txt', 2), privilegeLevel: 'USER' },
      ['chassis', 'power', 'off'],
    );
    expect(error.kind).toBe('forbidden');
    expect(error.message).not.toMatch(/HPM/);
    expect(error.message).toMatch(/Insufficient privilege level/);
  });

  it('maps the captured cipher suite 17 refusal to unsupported, naming the suite', () => {
    const error = ipmitoolError(
      { ...base, stderr: transcript('errors.txt', 3), cipherSuite: 17 },
      command,
    );
    expect(error.kind).toBe('unsupported');
    expect(error.message).toMatch(/cipher suite 17/);
  });

  it('maps invalid command and channel answers to unsupported', () => {
    expect(
      ipmitoolError({ ...base, stderr: 'Invalid channel: 2\n' }, [
        'lan',
        'print',
        '2',
      ]).kind,
    ).toBe('unsupported');
    expect(
      ipmitoolError(
        {
          ...base,
          stderr: '    DCMI request failed because: Invalid command (c1)\n',
        },
        ['dcmi', 'power', 'reading'],
      ).kind,
    ).toBe('unsupported');
  });

  it('maps a missing binary, a hard kill and an abort', () => {
    const missing = ipmitoolError(
      { ...base, spawnError: 'ENOENT', exitCode: undefined },
      command,
    );
    expect(missing.kind).toBe('unsupported');
    expect(missing.message).toMatch(/ipmitool is not installed/);
    expect(
      ipmitoolError({ ...base, killed: true, elapsedMs: 5000 }, command).kind,
    ).toBe('timeout');
    expect(ipmitoolError({ ...base, aborted: true }, command).message).toMatch(
      /cancelled/,
    );
    expect(
      ipmitoolError({ ...base, stderr: 'something odd' }, command).kind,
    ).toBe('protocol');
  });

  it('never quotes the password, even if ipmitool echoes it', () => {
    const error = ipmitoolError(
      { ...base, stderr: `bad thing near ${SENTINEL}\n` },
      command,
    );
    expect(error.message).not.toContain(SENTINEL);
    expect(error.stack).not.toContain(SENTINEL);
    expect(ipmitoolDiagnostic(`x ${SENTINEL} y`, SENTINEL)).toBe('x *** y');
  });
});
