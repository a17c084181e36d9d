import {
  ClusterListResponse,
  metal3ClusterReadPermission,
} from '@metal3-fleet/plugin-metal3-common';
import { buildClusterSummary } from '../../fleet/clusterSummary';
import { Metal3ApiRouter, RouteContext } from './RouteContext';

/** `GET /clusters`: connection health and sizes of every configured cluster. */
export function registerClusterRoutes(
  router: Metal3ApiRouter,
  ctx: RouteContext,
) {
  const { access, clusters, hostIndex } = ctx;
  router.get('/clusters', async (req, res) => {
    await access.require(
      await access.credentials(req),
      metal3ClusterReadPermission,
    );
    const body: ClusterListResponse = {
      items: clusters.health().map(health => {
        const cache = clusters.getCluster(health.name);
        return buildClusterSummary(health, {
          authProvider: cache.config.authProvider,
          hosts: hostIndex.count(health.name),
          pools: cache.list('machinedeployments').length,
        });
      }),
    };
    res.json(body);
  });
}
