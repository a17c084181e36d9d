import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Runs a command to its end; its output goes to `<logDir>/<log>.log`, and a
 * failure names the command, the folder and that log (with its tail). `env`
 * replaces the environment (default: the test's, without NODE_OPTIONS).
 */
export function run(
  command: string,
  args: string[],
  options: {
    cwd: string;
    logDir: string;
    log: string;
    env?: NodeJS.ProcessEnv;
  },
): string {
  mkdirSync(options.logDir, { recursive: true });
  const logFile = join(options.logDir, `${options.log}.log`);
  try {
    const output = execFileSync(command, args, {
      cwd: options.cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
      // Not the test runner's NODE_OPTIONS (loaders, VM modules).
      env: options.env ?? { ...process.env, NODE_OPTIONS: '' },
    });
    writeFileSync(logFile, output);
    return output;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    const output = `${e.stdout ?? ''}\n${e.stderr ?? ''}`;
    writeFileSync(logFile, output);
    throw new Error(
      `${command} ${args.join(' ')} failed in ${
        options.cwd
      } (log: ${logFile}):\n${output.slice(-3000)}`,
    );
  }
}
