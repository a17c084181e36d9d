/**
 * Catalog entity names of Metal3 objects: unique across clusters, stable, and
 * within the catalog's 63-character limit. Readable when they fit
 * (`kube-dc-mgmt.metal3.worker-0`); otherwise shortened with a hash of the
 * full identity so two long names never collide.
 */

const MAX = 63;

/** FNV-1a, 32 bit: tiny, synchronous and the same in browser and Node. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * @param namespace - undefined for cluster-scoped objects
 * @public
 */
export function metal3EntityName(
  cluster: string,
  namespace: string | undefined,
  name: string,
): string {
  const full = [cluster, namespace, name].filter(Boolean).join('.');
  if (full.length <= MAX) return full;
  const hash = fnv1a(full);
  // Keep the object's own name readable at the end; trim from the front.
  const room = MAX - hash.length - 1;
  const tail = full.slice(full.length - room).replace(/^[^a-z0-9]+/, '');
  return `${tail}-${hash}`;
}
