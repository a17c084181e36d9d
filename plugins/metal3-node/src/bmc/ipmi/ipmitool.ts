import { execFile as nodeExecFile } from 'node:child_process';
import { createLimiter } from '../service/limiter';
import { BmcError } from '../types';
import { ipmitoolError } from './ipmitoolErrors';

/** How ipmitool reaches one BMC. */
export interface IpmitoolSession {
  /** `host:port` as the operator wrote it, for messages. */
  bmc: string;
  /** The address the SSRF guard resolved and approved, passed to `-H`. */
  address: string;
  port: number;
  username: string;
  password: string;
  interface: 'lanplus' | 'lan';
  privilegeLevel?: string;
  cipherSuite?: number;
  /** `-N`: seconds ipmitool waits for each answer. */
  timeoutSeconds: number;
  /** `-R`: resends per request; at least 1 (0 means ipmitool's default of 4). */
  retries: number;
}

/** The subset of `child_process.execFile` the runner uses; tests replace it. @public */
export type ExecFileSeam = (
  file: string,
  args: string[],
  options: {
    env: Record<string, string>;
    timeout: number;
    killSignal: NodeJS.Signals;
    maxBuffer: number;
    encoding: 'utf8';
    windowsHide: boolean;
    signal?: AbortSignal;
  },
  callback: (
    error: (Error & { code?: number | string; killed?: boolean }) | null,
    stdout: string,
    stderr: string,
  ) => void,
) => unknown;

/**
 * ipmitool's argv for one command. The password is never here: argv is
 * world-readable in `ps` and `/proc`, so `-E` makes ipmitool read it from
 * IPMI_PASSWORD in its environment, which only the same user can read.
 */
export function ipmitoolArgs(
  session: IpmitoolSession,
  command: readonly string[],
): string[] {
  const args = ['-I', session.interface, '-H', session.address];
  args.push('-p', String(session.port));
  if (session.username) args.push('-U', session.username);
  args.push('-E');
  args.push('-N', String(session.timeoutSeconds));
  args.push('-R', String(Math.max(1, session.retries)));
  if (session.privilegeLevel) args.push('-L', session.privilegeLevel);
  // Cipher suites are an RMCP+ (lanplus) notion; IPMI 1.5 has none.
  if (session.cipherSuite !== undefined && session.interface === 'lanplus') {
    args.push('-C', String(session.cipherSuite));
  }
  return [...args, ...command];
}

/**
 * A minimal environment: PATH to find ipmitool, the C locale and UTC so
 * output formats and SEL times do not depend on the server's settings, and
 * the password. Nothing else of the backend's environment is passed on.
 */
export function ipmitoolEnv(password: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
    LC_ALL: 'C',
    TZ: 'UTC',
    IPMI_PASSWORD: password,
  };
}

export interface IpmitoolRunnerOptions {
  ipmitoolPath?: string;
  /** Kills ipmitool after this many ms, whatever it is doing. */
  hardTimeoutMs: number;
  /** ipmitool processes allowed at once (BMCs allow few sessions). */
  maxInFlight?: number;
  signal?: AbortSignal;
  execFile?: ExecFileSeam;
}

/**
 * Runs ipmitool commands against one BMC, at most `maxInFlight` at a time,
 * without a shell. Resolves with stdout on exit 0 (stderr then only holds
 * warnings such as "Unable to Get Channel Cipher Suites"); rejects with a
 * BmcError otherwise.
 */
export function createIpmitoolRunner(options: IpmitoolRunnerOptions) {
  const execFile =
    options.execFile ?? (nodeExecFile as unknown as ExecFileSeam);
  const limit = createLimiter(options.maxInFlight ?? 2);
  const file = options.ipmitoolPath ?? 'ipmitool';

  const runOnce = (session: IpmitoolSession, command: readonly string[]) =>
    new Promise<string>((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(
          new BmcError(
            'timeout',
            `IPMI BMC ${session.bmc}: the request was cancelled`,
          ),
        );
        return;
      }
      const started = Date.now();
      execFile(
        file,
        ipmitoolArgs(session, command),
        {
          env: ipmitoolEnv(session.password),
          timeout: options.hardTimeoutMs,
          killSignal: 'SIGKILL',
          maxBuffer: 8 * 1024 * 1024,
          encoding: 'utf8',
          windowsHide: true,
          signal: options.signal,
        },
        (error, stdout, stderr) => {
          if (!error) {
            resolve(stdout);
            return;
          }
          const code = error.code;
          reject(
            ipmitoolError(
              {
                bmc: session.bmc,
                stderr: stderr ?? '',
                exitCode: typeof code === 'number' ? code : undefined,
                // errno codes (ENOENT, EACCES) mean ipmitool never ran.
                spawnError:
                  typeof code === 'string' && /^E[A-Z]+$/.test(code)
                    ? code
                    : undefined,
                aborted: error.name === 'AbortError',
                killed: error.killed === true && error.name !== 'AbortError',
                elapsedMs: Date.now() - started,
                timeoutSeconds: session.timeoutSeconds,
                privilegeLevel: session.privilegeLevel,
                cipherSuite: session.cipherSuite,
                password: session.password,
              },
              command,
            ),
          );
        },
      );
    });

  return (session: IpmitoolSession, command: readonly string[]) =>
    limit(() => runOnce(session, command));
}
