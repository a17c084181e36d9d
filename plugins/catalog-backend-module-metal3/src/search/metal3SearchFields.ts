import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_CLUSTER,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_METAL3_NAME,
  describeHost,
  describePool,
  HostHealth,
  METAL3_ENTITY_TYPES,
  Metal3SearchFields,
  Metal3StatusTone,
  PoolHealthCode,
} from '@metal3-fleet/plugin-metal3-common';
import {
  BareMetalHostProjection,
  hostStatusInput,
  MachineDeploymentProjection,
} from '@metal3-fleet/plugin-metal3-node';

/** Set by CAPM3 on a host it hands to a Machine (see mappers/kubernetesSelector.ts). */
const WORKLOAD_CLUSTER_LABEL = 'cluster.x-k8s.io/cluster-name';

const HOST_TONES: Record<HostHealth, Metal3StatusTone> = {
  ok: 'ok',
  progressing: 'progressing',
  attention: 'attention',
  error: 'error',
  unknown: 'attention',
};

const POOL_TONES: Record<PoolHealthCode, Metal3StatusTone> = {
  healthy: 'ok',
  'scaling-up': 'progressing',
  'scaling-down': 'progressing',
  'rolling-out': 'progressing',
  remediating: 'attention',
  paused: 'attention',
  blocked: 'error',
  degraded: 'error',
};

/** The cached objects the search fields are read from (one lookup per entity). */
export interface LiveObjects {
  host(
    cluster: string,
    namespace: string,
    name: string,
  ): BareMetalHostProjection | undefined;
  pool(
    cluster: string,
    namespace: string,
    name: string,
  ): MachineDeploymentProjection | undefined;
}

/**
 * The Metal3 fields of a host's or pool's search document: its management
 * cluster, its workload cluster, and the status the fleet page would show
 * now (the same describeHost / describePool). Any other entity gets none;
 * a host or pool the cache does not hold (yet) gets its cluster only.
 */
export function metal3SearchFields(
  entity: Entity,
  live: LiveObjects,
  now: Date,
): Metal3SearchFields {
  const type = entity.spec?.type;
  const annotations = entity.metadata.annotations ?? {};
  const cluster = annotations[ANNOTATION_KUBERNETES_CLUSTER];
  const namespace = annotations[ANNOTATION_KUBERNETES_NAMESPACE];
  const name = annotations[ANNOTATION_METAL3_NAME];
  if (type !== METAL3_ENTITY_TYPES.host && type !== METAL3_ENTITY_TYPES.pool)
    return {};
  if (!cluster || !namespace || !name) return {};
  const at = now.toISOString();

  if (type === METAL3_ENTITY_TYPES.host) {
    const host = live.host(cluster, namespace, name);
    if (!host) return { metal3Cluster: cluster };
    const status = describeHost(hostStatusInput(host));
    return compactFields({
      metal3Cluster: cluster,
      metal3WorkloadCluster: host.labels[WORKLOAD_CLUSTER_LABEL],
      metal3Status: status.label,
      metal3StatusTone: HOST_TONES[status.health],
      metal3StatusAt: at,
    });
  }

  const pool = live.pool(cluster, namespace, name);
  if (!pool) return { metal3Cluster: cluster };
  const health = describePool({
    desired: pool.replicas ?? 1,
    current: pool.status.replicas,
    ready: pool.status.readyReplicas,
    available: pool.status.availableReplicas,
    upToDate: pool.status.upToDateReplicas,
    phase: pool.status.phase,
    paused: pool.paused,
  });
  return compactFields({
    metal3Cluster: cluster,
    metal3WorkloadCluster: pool.clusterName,
    metal3Status: health.label,
    metal3StatusTone: POOL_TONES[health.code],
    metal3StatusAt: at,
  });
}

function compactFields(fields: Metal3SearchFields): Metal3SearchFields {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  ) as Metal3SearchFields;
}
