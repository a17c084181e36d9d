import { InputError } from '@backstage/errors';
import {
  matchesLabelSelector,
  LabelSelector,
  metal3EntityName,
} from '@metal3-fleet/plugin-metal3-common';
import {
  BareMetalHostProjection,
  ClusterCache,
  isClaimable,
  MachineDeploymentProjection,
} from '@metal3-fleet/plugin-metal3-node';

/** The pool from the watch cache, or an InputError naming the `pool` field. */
export function requirePool(
  cache: ClusterCache,
  namespace: string,
  name: string,
  field = 'pool',
): MachineDeploymentProjection {
  const pool = cache.get('machinedeployments', `${namespace}/${name}`);
  if (!pool) {
    throw new InputError(
      `${field}: no MachineDeployment ${namespace}/${name} in cluster ${cache.config.name}`,
    );
  }
  return pool;
}

/** Free hosts a new pool's selector would match (the preview before creation). */
export function freeHostsMatching(
  cache: ClusterCache,
  namespace: string,
  selector: LabelSelector,
): BareMetalHostProjection[] {
  return cache
    .list('baremetalhosts')
    .filter(
      h =>
        h.namespace === namespace &&
        isClaimable(h) &&
        matchesLabelSelector(h.labels, selector),
    );
}

/** Catalog entity ref and portal page of a pool. */
export function poolLinks(cluster: string, namespace: string, name: string) {
  return {
    entityRef: `resource:default/${metal3EntityName(cluster, namespace, name)}`,
    poolUrl: `/metal3/pools/${cluster}/${namespace}/${name}`,
  };
}

/** Catalog entity ref and portal page of a host. */
export function hostLinks(cluster: string, namespace: string, name: string) {
  return {
    entityRef: `resource:default/${metal3EntityName(cluster, namespace, name)}`,
    hostUrl: `/metal3/hosts/${cluster}/${namespace}/${name}`,
  };
}
