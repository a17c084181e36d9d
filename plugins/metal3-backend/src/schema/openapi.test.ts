import { spec } from './openapi/generated/router';

// That `spec` is openapi.yaml is checked by `backstage-repo-tools repo schema
// openapi validate` in .ci/run; the spec's own rules by `... openapi lint`.
describe('OpenAPI spec', () => {
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
