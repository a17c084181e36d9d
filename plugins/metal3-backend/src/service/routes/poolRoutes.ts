import { NotFoundError } from '@backstage/errors';
import { metal3PoolReadPermission } from '@metal3-fleet/plugin-metal3-common';
import { Router } from 'express';
import { poolEventSubjects, readEvents } from '../../fleet/objectEvents';
import { servedHostSummary } from '../../fleet/hostSummary';
import { buildPoolSummary } from '../../fleet/poolSummary';
import { isStale, RouteContext, staleClusters } from './RouteContext';

type PoolParams = { cluster: string; namespace: string; name: string };

/** Read routes of worker pools (MachineDeployments). */
export function registerPoolRoutes(router: Router, ctx: RouteContext) {
  const { access, clusters, hostIndex, ownerOf } = ctx;

  /** The pool and its summary after the read check; 404 when absent. */
  async function readablePool(
    req: Parameters<Parameters<Router['get']>[1]>[0],
  ) {
    const { cluster, namespace, name } = req.params as PoolParams;
    const known = clusters.listClusters().some(c => c.name === cluster);
    const cache = known ? clusters.getCluster(cluster) : undefined;
    const pool = cache?.get('machinedeployments', `${namespace}/${name}`);
    if (!cache || !pool) {
      throw new NotFoundError(
        `No MachineDeployment ${namespace}/${name} in cluster ${cluster}`,
      );
    }
    const summary = buildPoolSummary(cache, cluster, pool, ownerOf);
    await access.requirePool(
      await access.credentials(req),
      metal3PoolReadPermission,
      summary,
    );
    return { cluster, namespace, name, cache, pool, summary };
  }

  router.get('/pools', async (req, res) => {
    const visible = await access.poolFilter(
      await access.credentials(req),
      metal3PoolReadPermission,
    );
    const items = clusters.listClusters().flatMap(config => {
      const cache = clusters.getCluster(config.name);
      const stale = isStale(clusters, config.name);
      return cache
        .list('machinedeployments')
        .map(pool => buildPoolSummary(cache, config.name, pool, ownerOf))
        .filter(visible)
        .map(summary => (stale ? { ...summary, stale } : summary));
    });
    res.json({ items, staleClusters: staleClusters(clusters) });
  });

  router.get('/pools/:cluster/:namespace/:name', async (req, res) => {
    const { cluster, namespace, name, cache, pool, summary } =
      await readablePool(req);
    const members = [...hostIndex.all()]
      .filter(
        h =>
          h.summary.cluster === cluster &&
          h.summary.pool?.name === name &&
          h.summary.pool.namespace === namespace,
      )
      .map(h => servedHostSummary(h.summary));
    const healthChecks = cache
      .list('machinehealthchecks')
      .filter(
        m =>
          m.namespace === namespace &&
          m.selector['cluster.x-k8s.io/deployment-name'] === name,
      );
    const memberMachines = new Set(members.map(m => m.machine));
    const remediations = cache
      .list('metal3remediations')
      .filter(
        r => r.namespace === namespace && memberMachines.has(r.machineName),
      );
    res.json({
      ...summary,
      ...(isStale(clusters, cluster) && { stale: true }),
      members,
      healthChecks,
      remediations,
      maxSurge: pool.maxSurge,
      maxUnavailable: pool.maxUnavailable,
    });
  });

  router.get('/pools/:cluster/:namespace/:name/events', async (req, res) => {
    const { cache, pool } = await readablePool(req);
    res.json({
      items: await readEvents(cache, poolEventSubjects(cache, pool)),
    });
  });
}
