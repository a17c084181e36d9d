import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { spec } from './openapi.generated';

describe('OpenAPI spec', () => {
  it('is what openapi.yaml says (run `yarn generate:openapi` after editing it)', () => {
    const source = parse(readFileSync(join(__dirname, 'openapi.yaml'), 'utf8'));
    expect(spec).toEqual(source);
  });

  it('names every path parameter of its templates', () => {
    for (const [path, item] of Object.entries(spec.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map(m => m[1]);
      for (const operation of Object.values(item) as any[]) {
        const declared = (operation.parameters ?? []).map((p: any) =>
          p.$ref ? p.$ref.split('/').pop() : p.name,
        );
        expect({
          path,
          declared: declared.filter((n: string) => names.includes(n)),
        }).toEqual({ path, declared: names });
      }
    }
  });
});
