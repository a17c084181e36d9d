import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project's shared upstream examples (`shared/upstream/examples`, next
 * to the repository). Found by walking up rather than by a fixed number of
 * `..`: the repository may be a checkout at /work/main or a git worktree one
 * level deeper (/work/wt/NAME), and both must find the same folder.
 */
export function upstreamExamplesDir(
  // Tests run from source, where __dirname is this folder.
  // eslint-disable-next-line no-restricted-syntax
  from: string = __dirname,
): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'upstream', 'examples');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) {
      throw new Error(
        `shared/upstream/examples not found above ${from} (the project's shared material)`,
      );
    }
  }
}
