import { LabApiError } from '../errors';
import { FaultRequest } from './faultRequest';
import type { RunningCluster } from '../startLab';
import type { BmcFleet } from '../bmc';
import { STACK_CONTROLLERS } from '../runbook/controllerDeployments';
import { setControllerReady } from '../runbook/seedRunbookDefects';
import { R } from '../resourceKeys';

/** Applies a fault request to one cluster of the lab; returns what is now in force. */
export function applyFaults(
  cluster: Pick<
    RunningCluster,
    'name' | 'faults' | 'hardwareFaults' | 'server' | 'store'
  >,
  bmcs: BmcFleet,
  request: FaultRequest,
): Record<string, unknown> {
  const { faults, hardwareFaults } = cluster;
  if (request.unavailableSeconds !== undefined) {
    faults.unavailableUntil =
      request.unavailableSeconds > 0
        ? Date.now() + request.unavailableSeconds * 1000
        : undefined;
  }
  if (request.throttleSeconds !== undefined) {
    faults.throttledUntil =
      request.throttleSeconds > 0
        ? Date.now() + request.throttleSeconds * 1000
        : undefined;
  }
  if (request.latencyMs !== undefined)
    faults.latencyMs = request.latencyMs || undefined;
  if (request.conflicts !== undefined)
    faults.forcedConflicts = request.conflicts;
  if (request.dropWatches) cluster.server.dropWatches();
  if (request.bmc) {
    const { host, fault } = request.bmc;
    const id = `${cluster.name}:${host}`;
    if (bmcs.has(id)) {
      bmcs.setFault(id, fault === 'none' ? undefined : fault);
    } else if (fault === 'hang') {
      hardwareFaults.hangingBmcs.add(host);
    } else if (fault === 'none') {
      hardwareFaults.hangingBmcs.delete(host);
    } else {
      throw new LabApiError(
        404,
        'NotFound',
        `host ${host} has no emulated BMC in ${cluster.name}`,
      );
    }
  }
  if (request.failInspection) {
    const { host, fail } = request.failInspection;
    if (fail) hardwareFaults.failingInspections.add(host);
    else hardwareFaults.failingInspections.delete(host);
  }
  if (request.controller) {
    const { name, ready } = request.controller;
    try {
      setControllerReady(cluster.store, name, ready);
    } catch (error) {
      throw new LabApiError(404, 'NotFound', (error as Error).message);
    }
  }
  return describeFaults(cluster);
}

export function describeFaults(
  cluster: Pick<RunningCluster, 'faults' | 'hardwareFaults' | 'store'>,
): Record<string, unknown> {
  const { faults, hardwareFaults } = cluster;
  // Controllers whose Deployment has fewer ready replicas than desired.
  const controllersDown = STACK_CONTROLLERS.filter(c => {
    const deployment = cluster.store.get(R.deployment, c.namespace, c.name);
    return (
      deployment &&
      (deployment.status?.readyReplicas ?? 0) < (deployment.spec?.replicas ?? 1)
    );
  }).map(c => c.id);
  const remaining = (until?: number) =>
    until ? Math.max(0, Math.ceil((until - Date.now()) / 1000)) : 0;
  return {
    unavailableSeconds: remaining(faults.unavailableUntil),
    throttleSeconds: remaining(faults.throttledUntil),
    latencyMs: faults.latencyMs ?? 0,
    conflicts: faults.forcedConflicts ?? 0,
    hangingBmcs: [...hardwareFaults.hangingBmcs],
    failingInspections: [...hardwareFaults.failingInspections],
    controllersDown,
  };
}
