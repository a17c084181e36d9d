import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  OwnerResolver,
  ClusterDto,
  HostListResponse,
  metal3ClusterReadPermission,
  metal3HostReadPermission,
  metal3PoolReadPermission,
} from '@internal/plugin-metal3-common';
import { linkHost, Metal3ClusterService } from '@internal/plugin-metal3-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { HostIndex } from '../fleet/HostIndex';
import { parseHostQuery, runHostQuery } from '../fleet/hostQuery';
import { buildPoolSummary } from '../fleet/poolSummary';
import { HOST_ACTIONS } from './hostActions';
import { OperationTracker } from './OperationTracker';
import { requirePermission } from './requirePermission';

/** What the router needs; services come in as options so tests can swap them. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  clusters: Metal3ClusterService;
  hostIndex: HostIndex;
  ownerOf: OwnerResolver;
  operations?: OperationTracker;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, auditor, clusters, hostIndex, ownerOf } =
    options;
  const operations = options.operations ?? new OperationTracker();
  const router = Router();
  router.use(express.json());

  /** Authenticates the caller and checks one permission; 401/403 otherwise. */
  async function authorize(
    req: Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials> {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requirePermission(permissions, credentials, permission);
    return credentials;
  }

  const staleClusters = () =>
    clusters
      .health()
      .filter(h => h.staleSince)
      .map(h => ({
        name: h.name,
        staleSince: h.staleSince!,
        lastError: h.lastError,
      }));
  const isStale = (cluster: string) =>
    staleClusters().some(s => s.name === cluster);

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/clusters', async (req, res) => {
    await authorize(req, metal3ClusterReadPermission);
    const items: ClusterDto[] = clusters.health().map(health => {
      const config = clusters.getCluster(health.name).config;
      return {
        ...health,
        authProvider: config.authProvider,
        hosts: hostIndex.count(health.name),
        pools: clusters.getCluster(health.name).list('machinedeployments')
          .length,
      };
    });
    res.json({ items });
  });

  router.get('/hosts', async (req, res) => {
    await authorize(req, metal3HostReadPermission);
    const query = parseHostQuery(req.query as Record<string, unknown>);
    const stale = staleClusters();
    const staleNames = new Set(stale.map(s => s.name));
    const result = runHostQuery(hostIndex.all(), query, new Date());
    const body: HostListResponse = {
      ...result,
      items: result.items.map(h =>
        staleNames.has(h.cluster) ? { ...h, stale: true } : h,
      ),
      staleClusters: stale,
    };
    res.json(body);
  });

  router.get('/hosts/:cluster/:namespace/:name', async (req, res) => {
    await authorize(req, metal3HostReadPermission);
    const { cluster, namespace, name } = req.params;
    const cache = clusters.getCluster(cluster);
    const host = cache.get('baremetalhosts', `${namespace}/${name}`);
    const row = hostIndex.get(cluster, namespace, name);
    if (!host || !row) {
      throw new NotFoundError(
        `No BareMetalHost ${namespace}/${name} in cluster ${cluster}`,
      );
    }
    const links = linkHost(cache, host);
    const [detail] = runHostQuery(
      [row],
      parseHostQuery({ limit: '1' }),
      new Date(),
    ).items;
    res.json({
      ...detail,
      ...(isStale(cluster) && { stale: true }),
      hardwareDetails: host.hardware,
      operationHistory: host.operationHistory,
      errorMessage: host.errorMessage,
      annotations: host.annotations,
      bootMode: host.bootMode,
      imageUrl: host.imageUrl,
      automatedCleaningMode: host.automatedCleaningMode,
      metal3Machine: links.metal3Machine?.name,
      machinePhase: links.machine?.phase,
      node: links.node && {
        name: links.node.name,
        ready: links.node.ready,
        unschedulable: links.node.unschedulable,
        kubeletVersion: links.node.kubeletVersion,
        addresses: links.node.addresses,
      },
    });
  });

  router.get('/pools', async (req, res) => {
    await authorize(req, metal3PoolReadPermission);
    const items = clusters.listClusters().flatMap(config => {
      const cache = clusters.getCluster(config.name);
      const stale = isStale(config.name);
      return cache.list('machinedeployments').map(pool => ({
        ...buildPoolSummary(cache, config.name, pool, ownerOf),
        ...(stale && { stale }),
      }));
    });
    res.json({ items, staleClusters: staleClusters() });
  });

  router.get('/pools/:cluster/:namespace/:name', async (req, res) => {
    await authorize(req, metal3PoolReadPermission);
    const { cluster, namespace, name } = req.params;
    const cache = clusters.getCluster(cluster);
    const pool = cache.get('machinedeployments', `${namespace}/${name}`);
    if (!pool) {
      throw new NotFoundError(
        `No MachineDeployment ${namespace}/${name} in cluster ${cluster}`,
      );
    }
    const members = [...hostIndex.all()]
      .filter(
        h =>
          h.summary.cluster === cluster &&
          h.summary.pool?.name === name &&
          h.summary.pool.namespace === namespace,
      )
      .map(h => h.summary);
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
      ...buildPoolSummary(cache, cluster, pool, ownerOf),
      ...(isStale(cluster) && { stale: true }),
      members,
      healthChecks,
      remediations,
      maxSurge: pool.maxSurge,
      maxUnavailable: pool.maxUnavailable,
    });
  });

  router.post(
    '/hosts/:cluster/:namespace/:name/actions/:action',
    async (req, res) => {
      const { cluster, namespace, name, action: actionName } = req.params;
      const action = HOST_ACTIONS[actionName];
      if (!action) {
        throw new InputError(
          `action: "${actionName}" is not one of ${Object.keys(
            HOST_ACTIONS,
          ).join(', ')}`,
        );
      }
      await authorize(req, action.permission);
      const event = await auditor.createEvent({
        eventId: `host-${actionName}`,
        severityLevel: action.severity,
        request: req,
        meta: { cluster, namespace, name, mode: req.body?.mode },
      });
      const target = { cluster, namespace, name };
      try {
        const cache = clusters.getCluster(cluster);
        const context = { cache, namespace, name, body: req.body ?? {} };
        if (action.background) {
          const operation = operations.start(
            actionName,
            target,
            async progress => {
              try {
                const result = await action.run({ ...context, progress });
                await event.success({ meta: { message: result.message } });
                return result.message;
              } catch (error) {
                await event.fail({ error: error as Error });
                throw error;
              }
            },
          );
          res.status(202).json({ operation });
          return;
        }
        const result = await action.run({ ...context, progress: () => {} });
        await event.success({ meta: { changed: result.changed } });
        res.json(result);
      } catch (error) {
        if (!action.background) await event.fail({ error: error as Error });
        throw error;
      }
    },
  );

  router.get('/operations/:id', async (req, res) => {
    await authorize(req, metal3HostReadPermission);
    const operation = operations.get(req.params.id);
    if (!operation) throw new NotFoundError(`No operation ${req.params.id}`);
    res.json({ operation });
  });

  return router;
}
