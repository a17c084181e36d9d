import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  METAL3_HOST_RESOURCE_TYPE,
  METAL3_POOL_RESOURCE_TYPE,
  ObjectRefDto,
  OwnerResolver,
  StaleClusterDto,
} from '@metal3-fleet/plugin-metal3-common';
import { Request } from 'express';
import {
  ChecksService,
  Metal3ClusterService,
} from '@metal3-fleet/plugin-metal3-node';
import { spec } from '../../schema/openapi/generated/router';
import { ApprovalService } from '../../approvals/ApprovalService';
import { HostIndex } from '../../fleet/HostIndex';
import { buildPoolSummary } from '../../fleet/poolSummary';
import { FleetAccess } from '../FleetAccess';
import { OperationTracker } from '../OperationTracker';

/**
 * The `/api/metal3` router, typed by the OpenAPI spec: each handler's path
 * parameters, query, request body and response body are the spec's
 * (json-schema-to-ts), which src/schema/wireTypes.test.ts proves equal to
 * the wire types of metal3-common.
 */
export type Metal3ApiRouter = ApiRouter<typeof spec>;

/**
 * A request of a route naming an object (`:cluster/:namespace/:name`),
 * whatever its body and query: what the lookups of those routes take.
 */
export type ObjectRequest = Request<ObjectRefDto, any, any, any>;

/** What every route module gets from the router. */
export interface RouteContext {
  access: FleetAccess;
  auditor: AuditorService;
  logger: LoggerService;
  clusters: Metal3ClusterService;
  hostIndex: HostIndex;
  ownerOf: OwnerResolver;
  operations: OperationTracker;
  /** Risky operations waiting for a second person (metal3.approvals). */
  approvals: ApprovalService;
  /** `app.baseUrl`: approvals link to their page in the portal. */
  portalBaseUrl: string;
  /** The runbook checks, when the backend runs them. */
  checks?: ChecksService;
}

/** Clusters whose data is served from the last good read, with since when. */
export function staleClusters(
  clusters: Metal3ClusterService,
): StaleClusterDto[] {
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
  req: ObjectRequest,
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

/** A pool and its summary by name; 404 naming the pool when absent. */
export function poolWithSummary(
  ctx: Pick<RouteContext, 'clusters' | 'ownerOf'>,
  ref: ObjectRefDto,
) {
  const { cluster, namespace, name } = ref;
  const known = ctx.clusters.listClusters().some(c => c.name === cluster);
  const cache = known ? ctx.clusters.getCluster(cluster) : undefined;
  const pool = cache?.get('machinedeployments', `${namespace}/${name}`);
  if (!cache || !pool) {
    throw new NotFoundError(
      `No MachineDeployment ${namespace}/${name} in cluster ${cluster}`,
    );
  }
  const summary = buildPoolSummary(cache, cluster, pool, ctx.ownerOf);
  return { cluster, namespace, name, cache, pool, summary };
}

/**
 * The pool a request names (`:cluster/:namespace/:name`) with its summary,
 * after checking `permission` on it; 404 naming the pool when absent.
 */
export async function authorizedPool(
  ctx: Pick<RouteContext, 'access' | 'clusters' | 'ownerOf'>,
  req: ObjectRequest,
  permission: ResourcePermission<typeof METAL3_POOL_RESOURCE_TYPE>,
) {
  const found = poolWithSummary(ctx, req.params);
  await ctx.access.requirePool(
    await ctx.access.credentials(req),
    permission,
    found.summary,
  );
  return found;
}
