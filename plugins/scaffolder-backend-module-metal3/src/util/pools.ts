import { InputError } from '@backstage/errors';
import {
  matchesLabelSelector,
  LabelSelector,
  metal3EntityName,
} from '@metal3-fleet/plugin-metal3-common';
import {
  BareMetalHostProjection,
  ClusterCache,
  DEFAULT_FLEET_PATH,
  fleetPagePath,
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

/** Catalog entity ref and portal page of a pool (below `metal3.fleetPath`). */
export function poolLinks(
  cluster: string,
  namespace: string,
  name: string,
  fleetPath = DEFAULT_FLEET_PATH,
) {
  return {
    entityRef: `resource:default/${metal3EntityName(cluster, namespace, name)}`,
    poolUrl: fleetPagePath(fleetPath, 'pools', { cluster, namespace, name }),
  };
}

/** Catalog entity ref and portal page of a host (below `metal3.fleetPath`). */
export function hostLinks(
  cluster: string,
  namespace: string,
  name: string,
  fleetPath = DEFAULT_FLEET_PATH,
) {
  return {
    entityRef: `resource:default/${metal3EntityName(cluster, namespace, name)}`,
    hostUrl: fleetPagePath(fleetPath, 'hosts', { cluster, namespace, name }),
  };
}
