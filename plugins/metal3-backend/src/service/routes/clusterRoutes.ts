import {
  ClusterListResponse,
  metal3ClusterReadPermission,
  StackSummaryDto,
} from '@metal3-fleet/plugin-metal3-common';
import type { ChecksService } from '@metal3-fleet/plugin-metal3-node';
import { buildClusterSummary } from '../../fleet/clusterSummary';
import { Metal3ApiRouter, RouteContext } from './RouteContext';

/**
 * How long `GET /clusters` waits for a cluster's stack checks (API discovery
 * and the cached controller Deployments): the list must not hang on a
 * cluster that does not answer; its banner entry is left out instead.
 */
const STACK_WAIT_MS = 3000;

/** The stack summary of the fleet banner, or nothing when it cannot be had in time. */
async function stackOf(
  checks: ChecksService | undefined,
  cluster: string,
): Promise<StackSummaryDto | undefined> {
  if (!checks) return undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      checks.stackSummary(cluster),
      new Promise<undefined>(resolve => {
        timer = setTimeout(() => resolve(undefined), STACK_WAIT_MS);
      }),
    ]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** `GET /clusters`: connection health and sizes of every configured cluster, with the stack banner. */
export function registerClusterRoutes(
  router: Metal3ApiRouter,
  ctx: RouteContext,
) {
  const { access, clusters, hostIndex, checks } = ctx;
  router.get('/clusters', async (req, res) => {
    await access.require(
      await access.credentials(req),
      metal3ClusterReadPermission,
    );
    const body: ClusterListResponse = {
      items: await Promise.all(
        clusters.health().map(async health => {
          const cache = clusters.getCluster(health.name);
          return buildClusterSummary(health, {
            authProvider: cache.config.authProvider,
            hosts: hostIndex.count(health.name),
            pools: cache.list('machinedeployments').length,
            stack: await stackOf(checks, health.name),
          });
        }),
      ),
    };
    res.json(body);
  });
}
