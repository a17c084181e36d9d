import type { NamespacedRef } from '@metal3-fleet/plugin-metal3-common';
import type { BareMetalHostProjection } from '../../cluster/projections';
import { FleetLookup, HostLinks, linkHost } from '../../fleet/fleetLinks';

/** A host with its Cluster API links, joined once per evaluation. */
export interface LinkedHost {
  host: BareMetalHostProjection;
  ref: NamespacedRef;
  links: HostLinks;
  /** The pool it serves, if it is a pool member. */
  pool?: NamespacedRef;
}

/** Every host of the cache with its links: the join every host check starts from. */
export function linkHosts(cache: FleetLookup): LinkedHost[] {
  return cache.list('baremetalhosts').map(host => {
    const links = linkHost(cache, host);
    return {
      host,
      ref: refOf(host),
      links,
      ...(links.pool && { pool: refOf(links.pool) }),
    };
  });
}

/** `{namespace, name}` of a namespaced projection. */
export function refOf(object: {
  namespace?: string;
  name: string;
}): NamespacedRef {
  return { namespace: object.namespace ?? '', name: object.name };
}

/** `namespace/name`, the key of the caches and of the checks' memos. */
export function keyOf(ref: NamespacedRef): string {
  return `${ref.namespace}/${ref.name}`;
}
