import { crdSchemaFor } from '../structural';
import { builtInSchemaFor } from '../structural/builtInSchemas';
import { ResourceDefinition } from './resourceRegistry';

/**
 * The OpenAPI v3 documents the API server publishes per group-version.
 * kubectl reads them to learn that the server validates fields itself (the
 * `fieldValidation` query parameter on PATCH) and `kubectl explain` reads
 * the schemas. The lab publishes the CRD schemas of custom kinds, its own
 * schemas of the built-in kinds it checks, and operations without schemas
 * for the other core kinds.
 */
export function openApiIndex(definitions: ResourceDefinition[]): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of groupVersions(definitions)) {
    paths[gvPath(gv.group, gv.version)] = {
      serverRelativeURL: `/openapi/v3/${gvPath(gv.group, gv.version)}`,
    };
  }
  return { paths };
}

export function openApiDocument(
  definitions: ResourceDefinition[],
  group: string,
  version: string,
): unknown | undefined {
  const defs = definitions.filter(
    d => d.group === group && d.versions.includes(version),
  );
  if (defs.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const d of defs) {
    const gvk = { group, version, kind: d.kind };
    const base = `/${gvPath(group, version)}${
      d.namespaced ? '/namespaces/{namespace}' : ''
    }/${d.plural}`;
    const write = (verb: string) => ({
      operationId: `${verb}${d.kind}`,
      'x-kubernetes-group-version-kind': gvk,
      parameters: [
        { name: 'dryRun', in: 'query', schema: { type: 'string' } },
        { name: 'fieldManager', in: 'query', schema: { type: 'string' } },
        { name: 'fieldValidation', in: 'query', schema: { type: 'string' } },
      ],
      responses: { '200': { description: 'OK' } },
    });
    paths[base] = {
      get: {
        operationId: `list${d.kind}`,
        'x-kubernetes-group-version-kind': gvk,
        responses: { '200': { description: 'OK' } },
      },
      post: write('create'),
    };
    paths[`${base}/{name}`] = {
      get: {
        operationId: `read${d.kind}`,
        'x-kubernetes-group-version-kind': gvk,
        responses: { '200': { description: 'OK' } },
      },
      put: write('replace'),
      patch: write('patch'),
      delete: {
        operationId: `delete${d.kind}`,
        'x-kubernetes-group-version-kind': gvk,
        responses: { '200': { description: 'OK' } },
      },
    };
    const schema =
      (group ? crdSchemaFor(group, d.kind, version) : undefined) ??
      builtInSchemaFor(group, d.kind, version);
    if (schema) {
      schemas[definitionName(group, version, d.kind)] = {
        ...schema,
        'x-kubernetes-group-version-kind': [gvk],
      };
    }
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes (metal3 lab)', version: 'v1.33.0' },
    paths,
    components: { schemas },
  };
}

/** `metal3.io` v1alpha1 BareMetalHost → `io.metal3.v1alpha1.BareMetalHost`. */
function definitionName(group: string, version: string, kind: string): string {
  return [...group.split('.').reverse(), version, kind].join('.');
}

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function groupVersions(definitions: ResourceDefinition[]) {
  const seen = new Map<string, { group: string; version: string }>();
  for (const d of definitions)
    for (const version of d.versions)
      seen.set(`${d.group}/${version}`, { group: d.group, version });
  return [...seen.values()];
}
