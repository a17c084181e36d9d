import type {
  Available,
  HealthCheckFacts,
  NamespacedRef,
  PoolSizeFacts,
  PoolUpgradeFacts,
  RemediationInput,
  RemediationRecord,
} from '@metal3-fleet/plugin-metal3-common';
import type {
  MachineDeploymentProjection,
  MachineHealthCheckProjection,
  MachineProjection,
  Metal3RemediationProjection,
} from '../../cluster/projections';
import { FleetLookup, poolTemplate } from '../../fleet/fleetLinks';
import { isMetal3Pool } from './imageInputs';
import { keyOf, LinkedHost, refOf } from './hostLinks';

const matches = (
  selector: Record<string, string>,
  labels: Record<string, string>,
) => Object.entries(selector).every(([k, v]) => labels[k] === v);

/**
 * The pools a MachineHealthCheck watches: those of its cluster whose
 * machines its selector matches (a pool without machines yet: its own
 * machine template labels, which every machine gets, carry the
 * deployment-name label CAPI adds).
 */
export function poolsOfHealthCheck(
  mhc: MachineHealthCheckProjection,
  pools: readonly MachineDeploymentProjection[],
  machines: readonly MachineProjection[],
): NamespacedRef[] {
  // An empty selector selects nothing in CAPI (it refuses it in its webhook).
  if (Object.keys(mhc.selector).length === 0) return [];
  return pools
    .filter(
      pool =>
        pool.namespace === mhc.namespace &&
        (!mhc.clusterName ||
          !pool.clusterName ||
          pool.clusterName === mhc.clusterName),
    )
    .filter(pool => {
      const members = machines.filter(
        m => m.namespace === pool.namespace && m.deploymentName === pool.name,
      );
      if (members.some(m => matches(mhc.selector, m.labels))) return true;
      return matches(mhc.selector, {
        ...pool.selector,
        'cluster.x-k8s.io/deployment-name': pool.name,
      });
    })
    .map(refOf);
}

/** A MachineHealthCheck as the remediation checks read it. */
export function healthCheckFacts(
  mhc: MachineHealthCheckProjection,
  pools: NamespacedRef[],
): HealthCheckFacts {
  const s = mhc.status;
  const hasStatus =
    s.expectedMachines !== undefined ||
    s.currentHealthy !== undefined ||
    s.remediationsAllowed !== undefined;
  return {
    namespace: mhc.namespace ?? '',
    name: mhc.name,
    ...(mhc.apiVersion && { apiVersion: mhc.apiVersion }),
    ...(mhc.remediationTemplate && {
      remediationTemplate: {
        kind: mhc.remediationTemplate.kind,
        name: mhc.remediationTemplate.name,
      },
    }),
    ...(mhc.maxUnhealthy !== undefined && {
      unhealthyLessThanOrEqualTo: mhc.maxUnhealthy,
    }),
    ...(mhc.unhealthyRange !== undefined && {
      unhealthyRange: mhc.unhealthyRange,
    }),
    pools,
    ...(hasStatus && {
      status: {
        ...(s.expectedMachines !== undefined && {
          expectedMachines: s.expectedMachines,
        }),
        ...(s.currentHealthy !== undefined && {
          currentHealthy: s.currentHealthy,
        }),
        ...(s.remediationsAllowed !== undefined && {
          remediationsAllowed: s.remediationsAllowed,
        }),
      },
    }),
  };
}

/**
 * A Metal3Remediation as a record of its host's history. It is named after
 * the Machine it remediates; the host is that Machine's.
 */
export function remediationRecord(
  remediation: Metal3RemediationProjection,
  hostsByMachine: ReadonlyMap<string, LinkedHost>,
): RemediationRecord {
  const host = hostsByMachine.get(
    `${remediation.namespace}/${remediation.machineName}`,
  );
  return {
    namespace: remediation.namespace ?? '',
    name: remediation.name,
    ...(host && { host: host.ref }),
    ...(host?.pool && { pool: host.pool }),
    ...(remediation.phase && { phase: remediation.phase }),
    ...(remediation.retryCount !== undefined && {
      retryCount: remediation.retryCount,
    }),
    ...(remediation.retryLimit !== undefined && {
      retryLimit: remediation.retryLimit,
    }),
    ...(remediation.creationTimestamp && {
      startedAt: remediation.creationTimestamp,
    }),
    ...(remediation.lastRemediated && {
      lastRemediated: remediation.lastRemediated,
    }),
    active: true,
  };
}

/** The remediation checks' input: pools, health checks, pool members, active and past remediations. */
export function remediationInput(options: {
  cluster: string;
  cache: FleetLookup;
  healthChecks: Available<MachineHealthCheckProjection[]>;
  remediations: Available<Metal3RemediationProjection[]>;
  workers: readonly LinkedHost[];
  hostsByMachine: ReadonlyMap<string, LinkedHost>;
  /** Remediations that are gone, remembered by the checks service. */
  past: readonly RemediationRecord[];
  now: string;
}): RemediationInput {
  const pools = options.cache.list('machinedeployments');
  const machines = options.cache.list('machines');
  const { healthChecks, remediations } = options;
  return {
    cluster: options.cluster,
    pools: pools.map(
      (pool): PoolSizeFacts => ({
        pool: refOf(pool),
        ...(pool.replicas !== undefined && { replicas: pool.replicas }),
      }),
    ),
    healthChecks: Array.isArray(healthChecks)
      ? healthChecks.map(mhc =>
          healthCheckFacts(mhc, poolsOfHealthCheck(mhc, pools, machines)),
        )
      : healthChecks,
    hosts: options.workers.map(w => ({
      host: w.ref,
      ...(w.pool && { pool: w.pool }),
    })),
    remediations: Array.isArray(remediations)
      ? [
          ...remediations.map(r =>
            remediationRecord(r, options.hostsByMachine),
          ),
          ...options.past,
        ]
      : remediations,
    now: options.now,
  };
}

/** A Metal3 pool's rollout and its template's nodeReuse. */
export function poolUpgradeFacts(
  cache: FleetLookup,
  pool: MachineDeploymentProjection,
): PoolUpgradeFacts {
  const template = poolTemplate(cache, pool);
  return {
    pool: refOf(pool),
    ...(pool.apiVersion && { apiVersion: pool.apiVersion }),
    ...(pool.strategyType && { strategyType: pool.strategyType }),
    ...(pool.maxSurge !== undefined && { maxSurge: pool.maxSurge }),
    ...(pool.maxUnavailable !== undefined && {
      maxUnavailable: pool.maxUnavailable,
    }),
    ...(pool.replicas !== undefined && { replicas: pool.replicas }),
    template: template
      ? { name: template.name, nodeReuse: template.nodeReuse }
      : {
          unavailable: `Metal3MachineTemplate ${
            pool.infrastructureRef?.name ?? '(none)'
          } is not in the cluster`,
        },
  };
}

/** Pools of Metal3 machines, for the node-reuse check. */
export function metal3Pools(cache: FleetLookup): MachineDeploymentProjection[] {
  return cache.list('machinedeployments').filter(isMetal3Pool);
}

export { keyOf };
