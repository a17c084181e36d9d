import { InputError } from '@backstage/errors';
import {
  EventListResponse,
  metal3PoolReadPermission,
  metal3PoolScalePermission,
  PoolDetailDto,
  PoolListResponse,
  PoolScaleRequest,
  PoolScaleResponse,
} from '@metal3-fleet/plugin-metal3-common';
import {
  openAudit,
  ReplicaRequest,
  scalePool,
  toCallerError,
} from '@metal3-fleet/plugin-metal3-node';
import { randomUUID } from 'node:crypto';
import { isScaleDown } from '../../approvals/approvalKindOf';
import { poolEventSubjects, readEvents } from '../../fleet/objectEvents';
import { servedHostSummary } from '../../fleet/hostSummary';
import { buildPoolDetail } from '../../fleet/poolDetail';
import { buildPoolSummary } from '../../fleet/poolSummary';
import { requestApprovalIfRequired } from './approvalGate';
import {
  authorizedPool as authorizedPoolOf,
  isStale,
  Metal3ApiRouter,
  ObjectRequest,
  RouteContext,
  staleClusters,
} from './RouteContext';

/** The body of a scale request: exactly one of replicas and delta. */
function scaleRequest(body: PoolScaleRequest | undefined): ReplicaRequest {
  const { replicas, delta } = body ?? {};
  if ((replicas === undefined) === (delta === undefined)) {
    throw new InputError('replicas: give either replicas or delta, not both');
  }
  if (delta === 0) throw new InputError('delta: 0 changes nothing');
  return replicas !== undefined ? { to: replicas } : { by: delta! };
}

/** Routes of worker pools (MachineDeployments): reads, and scaling. */
export function registerPoolRoutes(router: Metal3ApiRouter, ctx: RouteContext) {
  const { access, auditor, clusters, hostIndex, ownerOf } = ctx;

  const authorizedPool = (
    req: ObjectRequest,
    permission: typeof metal3PoolReadPermission = metal3PoolReadPermission,
  ) => authorizedPoolOf(ctx, req, permission);
  const readablePool = (req: Parameters<typeof authorizedPool>[0]) =>
    authorizedPool(req);

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
    const body: PoolListResponse = {
      items,
      staleClusters: staleClusters(clusters),
    };
    res.json(body);
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
    const body: PoolDetailDto = buildPoolDetail(summary, {
      pool,
      members,
      healthChecks,
      remediations,
      stale: isStale(clusters, cluster),
    });
    res.json(body);
  });

  router.get('/pools/:cluster/:namespace/:name/events', async (req, res) => {
    const { cache, pool } = await readablePool(req);
    const body: EventListResponse = {
      items: await readEvents(cache, poolEventSubjects(cache, pool)),
    };
    res.json(body);
  });

  router.post(
    '/pools/:cluster/:namespace/:name/actions/scale',
    async (req, res) => {
      const { cluster, namespace, name } = req.params;
      const credentials = await access.credentials(req);
      const audit = await openAudit(auditor, {
        eventId: 'pool-scale',
        severityLevel: 'high',
        request: req,
        meta: {
          cluster,
          namespace,
          pool: name,
          ...(req.body?.replicas !== undefined && {
            replicas: req.body.replicas,
          }),
          ...(req.body?.delta !== undefined && { delta: req.body.delta }),
        },
      });
      try {
        const request = scaleRequest(req.body);
        const { cache, pool } = await authorizedPool(
          req,
          metal3PoolScalePermission,
        );
        // A scale-down waits for a second person (metal3.approvals).
        const pending = await requestApprovalIfRequired(ctx, credentials, {
          kind: isScaleDown(request, pool.replicas ?? 1)
            ? 'scale-down'
            : undefined,
          target: { cluster, namespace, name },
          parameters:
            'to' in request ? { replicas: request.to } : { delta: request.by },
        });
        if (pending) {
          await audit.succeed({ approval: pending.approval.id });
          res.status(202).json(pending);
          return;
        }
        const change = await scalePool(
          { cache, namespace, name },
          // A relative change carries a key, so a retry after a lost answer
          // cannot apply it twice.
          { request, key: 'by' in request ? randomUUID() : undefined },
        );
        await audit.succeed({
          changed: change.changed,
          from: change.from,
          to: change.to,
          via: change.via,
        });
        const body: PoolScaleResponse = {
          changed: change.changed,
          message: change.message,
          from: change.from,
          to: change.to,
          via: change.via,
        };
        res.json(body);
      } catch (error) {
        const reported = toCallerError(error);
        await audit.fail(reported);
        throw reported;
      }
    },
  );
}
