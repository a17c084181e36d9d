import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CRD_DIR } from '../kube/resourceRegistry';

const cache = new Map<string, Map<string, any>>();

/**
 * The `openAPIV3Schema` of one kind and version from the shipped CRDs
 * (read once per folder), or undefined for kinds without a CRD.
 *
 * @public
 */
export function crdSchemaFor(
  group: string,
  kind: string,
  version: string,
  crdDir: string = CRD_DIR,
): any | undefined {
  let schemas = cache.get(crdDir);
  if (!schemas) {
    schemas = new Map();
    for (const file of readdirSync(crdDir).filter(f => f.endsWith('.yaml'))) {
      const crd = parse(readFileSync(join(crdDir, file), 'utf8'));
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const v of crd.spec.versions) {
        schemas.set(
          `${crd.spec.group}/${v.name}/${crd.spec.names.kind}`,
          v.schema?.openAPIV3Schema,
        );
      }
    }
    cache.set(crdDir, schemas);
  }
  return schemas.get(`${group}/${version}/${kind}`);
}
