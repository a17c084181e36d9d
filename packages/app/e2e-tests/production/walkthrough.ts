import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './processes';

/**
 * The commands of docs/operations.md, run as the guide writes them, so that
 * the walkthrough cannot drift from what the test does.
 */
export function walkthroughCommand(start: string): string {
  const guide = readFileSync(join(REPO_ROOT, 'docs/operations.md'), 'utf8');
  const line = guide
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .find(l => l.startsWith(start));
  if (!line) {
    throw new Error(`docs/operations.md has no command starting "${start}"`);
  }
  return line;
}

/** Runs the guide's command that starts with `start`; returns its output. */
export function runWalkthrough(
  start: string,
  env: Record<string, string>,
): string {
  return execFileSync('bash', ['-c', walkthroughCommand(start)], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
}

/** The value the guide's `export NAME="$(...)"` line sets. */
export function walkthroughExport(
  name: string,
  env: Record<string, string>,
): string {
  const line = walkthroughCommand(`export ${name}=`);
  return execFileSync('bash', ['-c', `${line}\nprintf %s "$${name}"`], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
}
