import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The output of block `index` (0-based) of a captured transcript: the lines
 * between its `$ command` line and its `[exit N]` line.
 */
export function transcript(file: string, index = 0): string {
  // eslint-disable-next-line no-restricted-syntax
  const text = readFileSync(join(__dirname, file), 'utf8');
  const blocks: string[][] = [];
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('$ ')) {
      current = [];
      blocks.push(current);
    } else if (/^\[exit \d+/.test(line)) {
      current = undefined;
    } else if (current) {
      current.push(line);
    }
  }
  const block = blocks[index];
  if (!block) throw new Error(`${file} has no block ${index}`);
  return `${block.join('\n')}\n`;
}
