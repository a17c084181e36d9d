import type { FleetLookup } from '../fleet';
import { freeMatchingHosts } from '../fleet';
import type { MachineDeploymentProjection } from '../cluster/projections';

/** Machines of the pool that still wait for a host (their Metal3Machine claimed none). */
export function machinesWaitingForHosts(
  cache: FleetLookup,
  pool: MachineDeploymentProjection,
): number {
  return cache
    .list('machines')
    .filter(
      m =>
        m.namespace === pool.namespace &&
        m.deploymentName === pool.name &&
        !m.deleting,
    )
    .filter(m => {
      const ref = m.infrastructureRef;
      const m3m = ref
        ? cache.get('metal3machines', `${m.namespace}/${ref.name}`)
        : undefined;
      return !m3m?.hostRef;
    }).length;
}

/**
 * How many more machines the pool can get hosts for right now: the free
 * hosts its template's hostSelector matches, minus the machines already
 * waiting for one (they will take those hosts first). A scale-up beyond it
 * leaves Metal3Machines waiting for ever (CAPM3 "No available host found").
 */
export function poolCapacity(
  cache: FleetLookup,
  pool: MachineDeploymentProjection,
) {
  const free = freeMatchingHosts(cache, pool);
  const waiting = machinesWaitingForHosts(cache, pool);
  return { free, waiting, headroom: Math.max(0, free.length - waiting) };
}
