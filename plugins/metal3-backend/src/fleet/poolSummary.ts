import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  OwnerResolver,
  describePool,
  formatLabelSelector,
  metal3EntityName,
  PoolSummaryDto,
} from '@metal3-fleet/plugin-metal3-common';
import {
  ClusterCache,
  freeMatchingHosts,
  MachineDeploymentProjection,
  poolTemplate,
} from '@metal3-fleet/plugin-metal3-node';

/** A pool with its capacity (free matching hosts) and health. */
export function buildPoolSummary(
  cache: Pick<ClusterCache, 'get' | 'list'>,
  cluster: string,
  pool: MachineDeploymentProjection,
  ownerOf: OwnerResolver,
): PoolSummaryDto {
  const namespace = pool.namespace ?? '';
  const template = poolTemplate(cache, pool);
  const free = freeMatchingHosts(cache, pool).length;
  // Metal3Remediations are named after the Machine they remediate.
  const machines = new Set(
    cache
      .list('machines')
      .filter(m => m.namespace === namespace && m.deploymentName === pool.name)
      .map(m => m.name),
  );
  const activeRemediations = cache
    .list('metal3remediations')
    .filter(
      r => r.namespace === namespace && machines.has(r.machineName),
    ).length;
  const desired = pool.replicas ?? 1;
  const status = pool.status;
  return {
    cluster,
    namespace,
    name: pool.name,
    entityRef: stringifyEntityRef({
      kind: 'resource',
      namespace: 'default',
      name: metal3EntityName(cluster, namespace, pool.name),
    }),
    clusterName: pool.clusterName,
    desiredReplicas: desired,
    replicas: status.replicas ?? 0,
    readyReplicas: status.readyReplicas ?? 0,
    availableReplicas: status.availableReplicas ?? 0,
    upToDateReplicas: status.upToDateReplicas ?? 0,
    phase: status.phase,
    health: describePool({
      desired,
      current: status.replicas,
      ready: status.readyReplicas,
      available: status.availableReplicas,
      upToDate: status.upToDateReplicas,
      phase: status.phase,
      activeRemediations,
      freeMatchingHosts: template ? free : undefined,
      paused: pool.paused,
    }),
    version: pool.version,
    ...(template && {
      template: {
        name: template.name,
        imageUrl: template.imageUrl,
        ...(template.imageChecksum && {
          imageChecksum: template.imageChecksum,
        }),
        ...(template.imageFormat && { imageFormat: template.imageFormat }),
        hostSelector: formatLabelSelector(template.hostSelector),
      },
    }),
    freeMatchingHosts: free,
    owner: ownerOf(pool.labels, pool.annotations),
  };
}
