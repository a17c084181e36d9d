import { LabApiError } from '../errors';
import { FaultRequest } from './faultRequest';
import type { RunningCluster } from '../startLab';
import type { BmcFleet } from '../bmc';

/** Applies a fault request to one cluster of the lab; returns what is now in force. */
export function applyFaults(
  cluster: Pick<
    RunningCluster,
    'name' | 'faults' | 'hardwareFaults' | 'server'
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
  return describeFaults(cluster);
}

export function describeFaults(
  cluster: Pick<RunningCluster, 'faults' | 'hardwareFaults'>,
): Record<string, unknown> {
  const { faults, hardwareFaults } = cluster;
  const remaining = (until?: number) =>
    until ? Math.max(0, Math.ceil((until - Date.now()) / 1000)) : 0;
  return {
    unavailableSeconds: remaining(faults.unavailableUntil),
    throttleSeconds: remaining(faults.throttledUntil),
    latencyMs: faults.latencyMs ?? 0,
    conflicts: faults.forcedConflicts ?? 0,
    hangingBmcs: [...hardwareFaults.hangingBmcs],
    failingInspections: [...hardwareFaults.failingInspections],
  };
}
