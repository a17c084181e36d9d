import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  metal3HostRemovePermission,
  metal3ResourceRef,
  validateLabelName,
  validateSubdomainName,
} from '@metal3-fleet/plugin-metal3-common';
import {
  ClusterCache,
  FIELD_MANAGER,
  KubeClient,
  linkHost,
  removeFromPool,
  setDetached,
} from '@metal3-fleet/plugin-metal3-node';
import { CapiVersion } from '../manifests/capi';
import { throwIfInvalid } from '../manifests/fieldErrors';
import { requirePermission } from '../util/authorize';
import { accessCluster } from '../util/clusterAccess';
import { fieldError, isStatus } from '../util/kubeErrors';
import { paths } from '../util/paths';
import { hostLinks } from '../util/pools';
import { waitFor } from '../util/waitFor';
import { removeHostExamples } from './removeHost.examples';
import type { PoolActionOptions } from './scalePool';

const MERGE_PATCH = 'application/merge-patch+json';
const DETACHED = 'baremetalhost.metal3.io/detached';

/**
 * `metal3:host:remove`: takes one exact host out of its pool the way Cluster
 * API expects (delete-machine annotation on its Machine, then the pool
 * scaled down by one: the shared `removeFromPool` operation), waits until
 * Metal3 has cleaned it and it is available again, and optionally
 * decommissions it: detached (Ironic forgets it without another cleaning),
 * the BareMetalHost deleted, then its BMC Secret.
 */
export function createRemoveHostAction(options: PoolActionOptions) {
  const { clusters, permissions, auditor } = options;
  return createTemplateAction({
    id: 'metal3:host:remove',
    description:
      'Removes one bare-metal host from its worker pool (delete-machine annotation and scale-down by one), then optionally decommissions it',
    examples: removeHostExamples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z.string().describe('Name of the cluster in metal3.clusters'),
        namespace: z => z.string().describe('Namespace of the host'),
        host: z => z.string().describe('BareMetalHost name'),
        waitForRelease: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Wait until the host is cleaned and available (default true)',
            ),
        decommission: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Then detach it and delete the BareMetalHost and its BMC Secret',
            ),
        timeoutMinutes: z =>
          z
            .number()
            .positive()
            .optional()
            .describe('How long to wait (default 60)'),
      },
      output: {
        entityRef: z => z.string().describe('Catalog entity of the host'),
        hostUrl: z =>
          z
            .string()
            .describe('Portal page of the host (gone after decommissioning)'),
        pool: z => z.string().optional().describe('The pool the host left'),
        machine: z =>
          z.string().optional().describe('The Machine that was removed'),
        decommissioned: z => z.boolean(),
      },
    },
    async handler(ctx) {
      const { cluster, namespace, host: name } = ctx.input;
      const decommission = Boolean(ctx.input.decommission);
      throwIfInvalid([
        validateLabelName(namespace, 'namespace'),
        validateSubdomainName(name, 'host'),
      ]);
      await requirePermission(
        permissions,
        await ctx.getInitiatorCredentials(),
        {
          permission: metal3HostRemovePermission,
          resourceRef: metal3ResourceRef({ cluster, namespace, name }),
        },
      );
      const { cache, client, capiVersion } = accessCluster(clusters, cluster);
      const host = cache.get('baremetalhosts', `${namespace}/${name}`);
      if (!host) {
        throw new InputError(
          `host: no BareMetalHost ${namespace}/${name} in cluster ${cluster}`,
        );
      }
      const { machine, pool } = linkHost(cache, host);
      if (!pool && !decommission) {
        throw new InputError(`host: ${name} is not a member of a worker pool`);
      }
      const dryRun = Boolean(ctx.isDryRun);
      const target = { cache, namespace, name };
      const timeoutMs = (ctx.input.timeoutMinutes ?? 60) * 60_000;
      const event = await auditor.createEvent({
        eventId: 'host-remove',
        severityLevel: 'high',
        meta: {
          cluster,
          namespace,
          host: name,
          pool: pool?.name,
          machine: machine?.name,
          decommission,
          dryRun,
          taskId: ctx.task.id,
        },
      });
      try {
        if (pool && machine) {
          if (dryRun) {
            await dryRunRemoval(
              client,
              capiVersion,
              namespace,
              machine.name,
              pool.name,
            );
            ctx.logger.info(
              `Dry run: would mark Machine ${machine.name} for deletion and scale pool ${pool.name} down by one`,
            );
          } else {
            const result = await ctx.checkpoint({
              key: `remove-${cluster}-${namespace}-${name}`,
              fn: async () => (await removeFromPool(target)).message,
            });
            ctx.logger.info(result);
          }
        }
        const wait = ctx.input.waitForRelease ?? true;
        if (!dryRun && (wait || decommission) && (pool || host.consumerRef)) {
          await waitForRelease(
            cache,
            namespace,
            name,
            ctx.logger,
            timeoutMs,
            ctx.signal,
          );
        }
        if (decommission) {
          await decommissionHost({
            ctx,
            cache,
            client,
            namespace,
            name,
            credentialsName: host.credentialsName,
            dryRun,
            timeoutMs,
            target,
          });
        }
        await event.success({
          meta: { decommissioned: decommission && !dryRun },
        });
        const links = hostLinks(cluster, namespace, name);
        ctx.output('entityRef', links.entityRef);
        ctx.output('hostUrl', links.hostUrl);
        if (pool) ctx.output('pool', pool.name);
        if (machine) ctx.output('machine', machine.name);
        ctx.output('decommissioned', decommission && !dryRun);
      } catch (error) {
        await event.fail({ error: error as Error });
        throw fieldError(error);
      }
    },
  });
}

/** What the removal would write, sent with dryRun=All: validated, nothing stored. */
async function dryRunRemoval(
  client: KubeClient,
  v: CapiVersion,
  namespace: string,
  machine: string,
  pool: string,
) {
  const query = { fieldManager: FIELD_MANAGER, dryRun: 'All' };
  await client.request('PATCH', paths.capi(v, namespace, 'machines', machine), {
    body: {
      metadata: { annotations: { 'cluster.x-k8s.io/delete-machine': 'yes' } },
    },
    contentType: MERGE_PATCH,
    query,
  });
  const mdPath = paths.capi(v, namespace, 'machinedeployments', pool);
  const md = await client.request('GET', mdPath);
  await client.request('PATCH', mdPath, {
    body: { spec: { replicas: Math.max(0, (md?.spec?.replicas ?? 1) - 1) } },
    contentType: MERGE_PATCH,
    query,
  });
}

/** Until Cluster API has let go of the host and Metal3 has cleaned it. */
function waitForRelease(
  cache: ClusterCache,
  namespace: string,
  name: string,
  logger: { info(message: string): void },
  timeoutMs: number,
  signal?: AbortSignal,
) {
  const current = () => cache.get('baremetalhosts', `${namespace}/${name}`);
  return waitFor({
    check: () => {
      const h = current();
      return (
        h &&
        !h.consumerRef &&
        (h.provisioningState === 'available' || h.provisioningState === 'ready')
      );
    },
    progress: () => {
      const h = current();
      return `Host ${name}: ${h?.provisioningState ?? 'gone'}${
        h?.consumerRef
          ? `, still claimed by ${h.consumerRef.name}`
          : ', released'
      }`;
    },
    logger: logger as any,
    timeoutMs,
    signal,
  });
}

async function decommissionHost(options: {
  ctx: { logger: any; checkpoint: any; signal?: AbortSignal };
  cache: ClusterCache;
  client: KubeClient;
  namespace: string;
  name: string;
  credentialsName?: string;
  dryRun: boolean;
  timeoutMs: number;
  target: { cache: ClusterCache; namespace: string; name: string };
}) {
  const { ctx, cache, client, namespace, name, credentialsName, dryRun } =
    options;
  const query = {
    fieldManager: FIELD_MANAGER,
    ...(dryRun && { dryRun: 'All' }),
  };
  const hostPath = paths.hosts(namespace, name);
  if (dryRun) {
    await client.request('PATCH', hostPath, {
      body: { metadata: { annotations: { [DETACHED]: '' } } },
      contentType: MERGE_PATCH,
      query,
    });
  } else {
    // Detached first: deletion then skips another power-off and cleaning.
    const detached = await ctx.checkpoint({
      key: `detach-${namespace}-${name}`,
      fn: async () => (await setDetached(options.target, true)).message,
    });
    ctx.logger.info(detached);
  }
  await ctx.checkpoint({
    key: `delete-host-${namespace}-${name}-${dryRun}`,
    fn: async () => {
      await client.request('DELETE', hostPath, { query }).catch(ignore404);
      ctx.logger.info(
        `${
          dryRun ? 'Dry run: would delete' : 'Deleted'
        } BareMetalHost ${namespace}/${name}`,
      );
    },
  });
  if (!dryRun) {
    await waitFor({
      check: () => !cache.get('baremetalhosts', `${namespace}/${name}`),
      progress: () =>
        `Host ${name}: ${
          cache.get('baremetalhosts', `${namespace}/${name}`)
            ?.provisioningState ?? 'deleted'
        }`,
      logger: ctx.logger,
      timeoutMs: options.timeoutMs,
      signal: ctx.signal,
    });
  }
  if (credentialsName) {
    // Only after the host is gone: BMO reads the Secret until the end.
    await ctx.checkpoint({
      key: `delete-secret-${namespace}-${credentialsName}-${dryRun}`,
      fn: async () => {
        await client
          .request('DELETE', paths.secrets(namespace, credentialsName), {
            query,
          })
          .catch(ignore404);
        ctx.logger.info(
          `${
            dryRun ? 'Dry run: would delete' : 'Deleted'
          } BMC Secret ${namespace}/${credentialsName}`,
        );
      },
    });
  }
}

function ignore404(error: unknown) {
  if (!isStatus(error, 404)) throw error;
}
