import { BmcError, BmcErrorKind } from '../types';

/** What is known about one failed ipmitool run. */
export interface IpmitoolFailure {
  /** `host:port` as the operator wrote it, for the message. */
  bmc: string;
  stderr: string;
  /** Exit status, or undefined when the process never ran or was killed. */
  exitCode?: number;
  /** `ENOENT`, `EACCES`…: ipmitool could not be started. */
  spawnError?: string;
  /** Killed by the hard timeout. */
  killed?: boolean;
  /** Cancelled through the caller's AbortSignal. */
  aborted?: boolean;
  elapsedMs: number;
  /** The `-N` value: a session failure slower than this had no answer. */
  timeoutSeconds: number;
  privilegeLevel?: string;
  cipherSuite?: number;
  /** Scrubbed from anything quoted, in case a BMC echoes it back. */
  password: string;
}

// Lines ipmitool prints on stderr on success too; they never explain a failure.
const NOISE = [
  /^Get HPM\.x Capabilities request failed/i,
  /^Unable to Get Channel Cipher Suites/i,
];

const SESSION_FAILED =
  /Unable to establish (IPMI v2 \/ RMCP\+ session|IPMI v1\.5 \/ RMCP session|LAN session)/i;
const CIPHER =
  /invalid authentication algorithm|invalid integrity algorithm|invalid confidentiality algorithm|no matching cipher suite/i;
const PRIVILEGE = /insufficient privilege|requested privilege level exceeds/i;
const UNSUPPORTED =
  /invalid command|command not supported|not supported|invalid channel|invalid data field in request|unknown command/i;

/** The last lines ipmitool wrote that say something, without secrets. */
export function ipmitoolDiagnostic(stderr: string, password: string): string {
  const useful = stderr
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '' && !NOISE.some(n => n.test(line)));
  let text = useful.slice(-2).join('; ');
  if (password) text = text.split(password).join('***');
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

function kindAndCause(f: IpmitoolFailure): [BmcErrorKind, string] {
  if (f.spawnError === 'ENOENT') {
    return [
      'unsupported',
      'ipmitool is not installed (Debian/RPM package ipmitool)',
    ];
  }
  if (f.spawnError)
    return ['unsupported', `ipmitool could not start (${f.spawnError})`];
  if (f.aborted) return ['timeout', 'the request was cancelled'];
  if (f.killed) {
    return [
      'timeout',
      `ipmitool gave no result within ${Math.round(
        f.elapsedMs / 1000,
      )} s and was stopped`,
    ];
  }
  const { stderr } = f;
  if (CIPHER.test(stderr)) {
    return [
      'unsupported',
      `the BMC does not accept IPMI cipher suite ${
        f.cipherSuite ?? '(ipmitool default)'
      }; configure another one (3 for older BMCs, 17 for newer)`,
    ];
  }
  if (/password is longer than/i.test(stderr)) {
    return [
      'auth',
      'the password is longer than IPMI allows (20 bytes for lanplus, 16 for lan)',
    ];
  }
  if (SESSION_FAILED.test(stderr)) {
    // ipmitool says the same for a wrong password and for silence; a wrong
    // password is refused within milliseconds, silence takes at least -N.
    if (f.elapsedMs >= f.timeoutSeconds * 1000 * 0.9) {
      return [
        'timeout',
        `no answer on the IPMI port after ${Math.round(
          f.elapsedMs / 1000,
        )} s (host down, wrong port or UDP filtered)`,
      ];
    }
    const level = f.privilegeLevel ?? 'ADMINISTRATOR';
    return [
      'auth',
      `the BMC refused the session: wrong user name or password, or the user may not log in with privilege ${level}`,
    ];
  }
  if (PRIVILEGE.test(stderr)) {
    return [
      'forbidden',
      `the user's privilege level is too low for this command`,
    ];
  }
  if (UNSUPPORTED.test(stderr))
    return ['unsupported', 'the BMC does not implement this command'];
  return [
    'protocol',
    `ipmitool failed with exit status ${f.exitCode ?? 'unknown'}`,
  ];
}

/**
 * Turns a failed ipmitool run into a BmcError whose message names the BMC,
 * the command and the cause, and quotes ipmitool's own words. It never
 * includes argv or environment (the password is in the environment) and
 * has no `cause`, so no error object carrying them can leak through.
 */
export function ipmitoolError(
  f: IpmitoolFailure,
  command: readonly string[],
): BmcError {
  const [kind, cause] = kindAndCause(f);
  const said = ipmitoolDiagnostic(f.stderr, f.password);
  const quoted = said && !f.spawnError ? ` (ipmitool: ${said})` : '';
  return new BmcError(
    kind,
    `IPMI BMC ${f.bmc}, "${command.join(' ')}": ${cause}${quoted}`,
  );
}
