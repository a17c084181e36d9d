/**
 * Health of a worker pool (a MachineDeployment) from its replica counters,
 * normalised by the caller from either CAPI version (v1beta1 keeps
 * `updatedReplicas`, v1beta2 `upToDateReplicas`).
 */

/** @public */
export interface PoolStatusInput {
  /** `spec.replicas` */
  desired: number;
  /** `status.replicas`: machines that exist and are not being deleted. */
  current?: number;
  ready?: number;
  available?: number;
  upToDate?: number;
  /** `status.phase` */
  phase?: string;
  /** Metal3Remediations in progress for the pool's machines. */
  activeRemediations?: number;
  /** Available hosts matching the pool's host selector; undefined when unknown. */
  freeMatchingHosts?: number;
  paused?: boolean;
}

/** @public */
export type PoolHealthCode =
  | 'healthy'
  | 'scaling-up'
  | 'scaling-down'
  | 'rolling-out'
  | 'remediating'
  | 'degraded'
  | 'blocked'
  | 'paused';

/** @public */
export interface PoolHealth {
  code: PoolHealthCode;
  label: string;
  /** `desired - available`, never negative. */
  unavailable: number;
  /** Human-readable problems, most important first. */
  problems: string[];
}

/** @public */
export function describePool(input: PoolStatusInput): PoolHealth {
  const current = input.current ?? 0;
  const available = input.available ?? 0;
  const upToDate = input.upToDate ?? current;
  const unavailable = Math.max(0, input.desired - available);
  const problems: string[] = [];
  const missing = input.desired - current;

  // A scale-up with no free matching host never completes: CAPM3's new
  // Metal3Machine waits silently for a host. Say so instead of "scaling".
  if (missing > 0 && input.freeMatchingHosts === 0) {
    problems.push(
      `${missing} machine(s) wait for a host: no available host matches the pool's host selector`,
    );
  }
  if ((input.activeRemediations ?? 0) > 0) {
    problems.push(`${input.activeRemediations} machine(s) being remediated`);
  }
  if (unavailable > 0 && missing <= 0) {
    problems.push(
      `${unavailable} of ${input.desired} replica(s) not available`,
    );
  }

  const result = (code: PoolHealthCode, label: string): PoolHealth => ({
    code,
    label,
    unavailable,
    problems,
  });
  if (input.paused) return result('paused', 'Paused');
  if (missing > 0 && input.freeMatchingHosts === 0) {
    return result('blocked', 'Waiting for hosts');
  }
  if ((input.activeRemediations ?? 0) > 0)
    return result('remediating', 'Remediating');
  if (missing > 0) return result('scaling-up', 'Scaling up');
  if (missing < 0) return result('scaling-down', 'Scaling down');
  if (upToDate < current) return result('rolling-out', 'Rolling out');
  if (unavailable > 0) return result('degraded', 'Degraded');
  return result('healthy', 'Healthy');
}
