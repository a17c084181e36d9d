import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

/** The repository root (this file is packages/app/e2e-tests/production/). */
export const REPO_ROOT = resolve(__dirname, '../../../..');

/** Where the production test leaves its logs (uploaded with the reports). */
export const REPORT_DIR = join(REPO_ROOT, 'e2e-test-report', 'production');

/** A free TCP port on 127.0.0.1 (probed, then released). */
export function freePort(): Promise<number> {
  return new Promise((done, failed) => {
    const server = createServer();
    server.once('error', failed);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' ? address!.port : 0));
    });
  });
}

export interface RunningProcess {
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts a child process whose output goes to `<REPORT_DIR>/<name>.log` and
 * is kept for assertions; `ready` resolves once a line matches `readyWhen`,
 * and rejects if the process exits first or `timeoutMs` passes.
 */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions & { readyWhen: RegExp; timeoutMs: number },
): { process: RunningProcess; ready: Promise<RegExpMatchArray> } {
  const logFile = join(REPORT_DIR, `${name}.log`);
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, {
    ...options,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>(done => child.once('exit', () => done()));
  const ready = new Promise<RegExpMatchArray>((done, failed) => {
    const timer = setTimeout(
      () =>
        failed(
          new Error(
            `${name} did not become ready in ${options.timeoutMs} ms (log: ${logFile})`,
          ),
        ),
      options.timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      log.write(chunk);
      const match = output.match(options.readyWhen);
      if (match) {
        clearTimeout(timer);
        done(match);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', code => {
      clearTimeout(timer);
      failed(
        new Error(
          `${name} exited (${code}) before it was ready; last output:\n${output.slice(
            -3000,
          )}`,
        ),
      );
    });
  });
  // The caller may never await `ready` after a stop; keep Node quiet about it.
  ready.catch(() => {});
  return {
    ready,
    process: {
      child,
      output: () => output,
      stop: async (graceMs = 30_000) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
        log.end();
      },
    },
  };
}
