import { NotFoundError } from '@backstage/errors';
import {
  ApprovalImpactDto,
  ApprovalKind,
  ApprovalParametersDto,
  ObjectRefDto,
} from '@metal3-fleet/plugin-metal3-common';
import { Metal3ClusterService } from '@metal3-fleet/plugin-metal3-node';
import { hostImpact } from './hostImpact';
import { scaleDownImpact } from './scaleDownImpact';
import { upgradeImpact } from './upgradeImpact';

/** The impact of a requested operation, computed when it is requested. */
export async function approvalImpact(
  clusters: Metal3ClusterService,
  kind: ApprovalKind,
  target: ObjectRefDto,
  parameters: ApprovalParametersDto,
): Promise<ApprovalImpactDto> {
  const cache = clusters.getCluster(target.cluster);
  if (
    kind === 'power-off' ||
    kind === 'hard-reboot' ||
    kind === 'remove-from-pool'
  ) {
    return hostImpact(cache, target.namespace, target.name, kind);
  }
  const pool = cache.get(
    'machinedeployments',
    `${target.namespace}/${target.name}`,
  );
  if (!pool) {
    throw new NotFoundError(
      `No MachineDeployment ${target.namespace}/${target.name} in cluster ${target.cluster}`,
    );
  }
  if (kind === 'pool-upgrade') return upgradeImpact(cache, pool, parameters);
  const current = pool.replicas ?? 1;
  const to =
    parameters.replicas ?? Math.max(0, current + (parameters.delta ?? 0));
  return scaleDownImpact(cache, pool, to);
}
