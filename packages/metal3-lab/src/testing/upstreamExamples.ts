import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The upstream examples of real Metal3 objects, vendored into the repository
 * (`test-fixtures/upstream-examples`, byte for byte from the project's shared
 * material: see its README). Inside the repository, never beside it: a CI
 * clone has nothing next to it. Found by walking up from this folder.
 */
export function upstreamExamplesDir(
  // Tests run from source, where __dirname is this folder.
  // eslint-disable-next-line no-restricted-syntax
  from: string = __dirname,
): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'test-fixtures', 'upstream-examples');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) {
      throw new Error(
        `test-fixtures/upstream-examples not found above ${from} (the repository's vendored upstream examples)`,
      );
    }
  }
}
