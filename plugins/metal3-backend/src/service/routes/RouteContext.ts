import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  METAL3_HOST_RESOURCE_TYPE,
  OwnerResolver,
} from '@metal3-fleet/plugin-metal3-common';
import { Request } from 'express';
import { Metal3ClusterService } from '@metal3-fleet/plugin-metal3-node';
import { HostIndex } from '../../fleet/HostIndex';
import { FleetAccess } from '../FleetAccess';
import { OperationTracker } from '../OperationTracker';

/** What every route module gets from the router. */
export interface RouteContext {
  access: FleetAccess;
  auditor: AuditorService;
  logger: LoggerService;
  clusters: Metal3ClusterService;
  hostIndex: HostIndex;
  ownerOf: OwnerResolver;
  operations: OperationTracker;
}

/** Clusters whose data is served from the last good read, with since when. */
export function staleClusters(clusters: Metal3ClusterService) {
  return clusters
    .health()
    .filter(h => h.staleSince)
    .map(h => ({
      name: h.name,
      staleSince: h.staleSince!,
      ...(h.lastError && { lastError: h.lastError }),
    }));
}

export function isStale(clusters: Metal3ClusterService, cluster: string) {
  return staleClusters(clusters).some(s => s.name === cluster);
}

/**
 * The fleet row of the host a request names (`:cluster/:namespace/:name`),
 * after checking `permission` on it; 404 naming the host when absent.
 */
export async function authorizedHostRow(
  ctx: Pick<RouteContext, 'access' | 'hostIndex'>,
  req: Request,
  permission: ResourcePermission<typeof METAL3_HOST_RESOURCE_TYPE>,
) {
  const { cluster, namespace, name } = req.params;
  const row = ctx.hostIndex.get(cluster, namespace, name);
  if (!row) {
    throw new NotFoundError(
      `No BareMetalHost ${namespace}/${name} in cluster ${cluster}`,
    );
  }
  await ctx.access.requireHost(
    await ctx.access.credentials(req),
    permission,
    row.summary,
  );
  return { cluster, namespace, name, row };
}
