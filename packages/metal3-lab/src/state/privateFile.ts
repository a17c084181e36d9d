import { renameSync, writeFileSync } from 'node:fs';

/**
 * Writes a file readable by its owner only, atomically (a temporary file
 * renamed over it): a kubeconfig user re-reading it after a token rotation
 * sees the old file or the new one, never half of one.
 */
export function writePrivateFile(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  renameSync(temporary, path);
}
