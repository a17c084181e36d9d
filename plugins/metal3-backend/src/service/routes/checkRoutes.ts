import { NotFoundError } from '@backstage/errors';
import {
  ClusterFindingsResponse,
  FindingsResponse,
  HostFindingsResponse,
  ImageListResponse,
  metal3ClusterReadPermission,
  metal3HostReadPermission,
  metal3PoolReadPermission,
} from '@metal3-fleet/plugin-metal3-common';
import type { ChecksService } from '@metal3-fleet/plugin-metal3-node';
import {
  authorizedHostRow,
  authorizedPool,
  Metal3ApiRouter,
  RouteContext,
} from './RouteContext';

/**
 * The runbook checks (docs/runbook-checks.md) of each page: a cluster's
 * stack and ProviderNetworks, a pool, a host, and the images view. Reads,
 * under the read permission of what they are about.
 */
export function registerCheckRoutes(
  router: Metal3ApiRouter,
  ctx: RouteContext & { checks: ChecksService },
) {
  const { access, checks, clusters } = ctx;

  const requireCluster = async (
    req: Parameters<typeof access.credentials>[0],
    cluster: string,
  ) => {
    await access.require(
      await access.credentials(req),
      metal3ClusterReadPermission,
    );
    if (!clusters.listClusters().some(c => c.name === cluster)) {
      throw new NotFoundError(`No cluster ${cluster} in metal3.clusters`);
    }
  };

  router.get('/clusters/:cluster/findings', async (req, res) => {
    await requireCluster(req, req.params.cluster);
    const body: ClusterFindingsResponse = await checks.clusterFindings(
      req.params.cluster,
    );
    res.json(body);
  });

  router.get('/clusters/:cluster/images', async (req, res) => {
    await requireCluster(req, req.params.cluster);
    const body: ImageListResponse = await checks.images(req.params.cluster);
    res.json(body);
  });

  router.get('/pools/:cluster/:namespace/:name/findings', async (req, res) => {
    const { cluster, namespace, name } = await authorizedPool(
      ctx,
      req,
      metal3PoolReadPermission,
    );
    const body: FindingsResponse = await checks.poolFindings(cluster, {
      namespace,
      name,
    });
    res.json(body);
  });

  router.get('/hosts/:cluster/:namespace/:name/findings', async (req, res) => {
    const { cluster, namespace, name } = await authorizedHostRow(
      ctx,
      req,
      metal3HostReadPermission,
    );
    const body: HostFindingsResponse = await checks.hostFindings(cluster, {
      namespace,
      name,
    });
    res.json(body);
  });
}
