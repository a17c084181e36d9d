import { KubeObject, ResourceKey } from '../types';
import { ObjectStore } from '../kube/ObjectStore';

/**
 * Stores a seeded object as clients would: created without status, then
 * the status written through the status subresource (the only way a status
 * reaches an object whose CRD has that subresource).
 */
export function put(
  store: ObjectStore,
  key: ResourceKey,
  object: KubeObject,
): KubeObject {
  const { status, ...rest } = object;
  const created = store.create(key, rest as KubeObject);
  return status
    ? store.update(key, { ...created, status }, { subresource: 'status' })
    : created;
}
