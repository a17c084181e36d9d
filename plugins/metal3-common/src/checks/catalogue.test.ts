import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHECK_CATALOGUE, CHECK_IDS } from './catalogue';

const DOC = resolve(__dirname, '../../../../docs/runbook-checks.md');
const rows = readFileSync(DOC, 'utf8')
  .split('\n')
  .filter(line => /^\| `[a-z]+\.[a-z-]+` +\|/.test(line));
const cell = (text: string) => text.replace(/\|/g, '\\|');

describe('the catalogue and docs/runbook-checks.md', () => {
  it.each(CHECK_IDS.map(id => [id]))(
    '%s has one row with its guide section, what it evaluates, its inputs and its fix',
    id => {
      const definition = CHECK_CATALOGUE[id];
      const row = rows.filter(r => r.startsWith(`| \`${id}\` `));
      expect(row).toHaveLength(1);
      expect(definition.id).toBe(id);
      expect(definition.theme).toBe(id.split('.')[0]);
      for (const text of [
        definition.evaluates,
        definition.guide,
        definition.fix,
        ...definition.inputs,
      ]) {
        expect(row[0]).toContain(cell(text));
      }
    },
  );

  it('documents no check the catalogue does not have', () => {
    const documented = rows.map(r => /^\| `([^`]+)`/.exec(r)![1]);
    expect(
      documented.filter(id => !(CHECK_IDS as readonly string[]).includes(id)),
    ).toEqual([]);
  });

  it('quotes a guide phase or section for every check but the catalog drift', () => {
    const sourced = CHECK_IDS.filter(id =>
      /^(Phase \d|Best Practices|Troubleshooting|Prerequisites)/.test(
        CHECK_CATALOGUE[id].guide,
      ),
    );
    expect(CHECK_IDS.filter(id => !sourced.includes(id))).toEqual([
      'drift.catalog-entity',
    ]);
  });
});
