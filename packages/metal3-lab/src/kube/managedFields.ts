import { KubeObject } from '../types';

/**
 * `metadata.managedFields` the way the API server records writers: one
 * entry per (manager, operation, subresource) with the time and the set of
 * fields the write carried (FieldsV1, down to three levels; deeper levels
 * are folded into their parent, which keeps the entry small).
 */
export function recordManager(
  object: KubeObject,
  previous: KubeObject | undefined,
  write: {
    manager: string;
    operation: 'Apply' | 'Update';
    subresource?: string;
    body: unknown;
  },
): KubeObject {
  const entry = {
    manager: write.manager,
    operation: write.operation,
    apiVersion: object.apiVersion,
    time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    fieldsType: 'FieldsV1',
    fieldsV1: fieldSet(write.body, 0),
    ...(write.subresource && { subresource: write.subresource }),
  };
  const others = ((previous?.metadata.managedFields ?? []) as any[]).filter(
    e =>
      !(
        e.manager === entry.manager &&
        e.operation === entry.operation &&
        e.subresource === entry.subresource
      ),
  );
  return {
    ...object,
    metadata: { ...object.metadata, managedFields: [...others, entry] },
  };
}

const SERVER_FIELDS = new Set([
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'managedFields',
  'selfLink',
]);

function fieldSet(value: unknown, depth: number): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value) || depth >= 3)
    return {};
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (depth === 0 && (key === 'apiVersion' || key === 'kind')) continue;
    if (depth === 1 && SERVER_FIELDS.has(key)) continue;
    out[`f:${key}`] = fieldSet(child, depth + 1);
  }
  return out;
}
