import { InputError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  metal3HostRemovePermission,
  metal3ResourceRef,
  validateLabelName,
  validateSubdomainName,
} from '@metal3-fleet/plugin-metal3-common';
import {
  accessCluster,
  ClusterCache,
  deleteObject,
  isNotFound,
  KubeClient,
  kubePaths,
  linkHost,
  openAudit,
  releaseBmcSecret,
  removeFromPool,
  requirePermission,
  SecretRelease,
  setDetached,
  toCallerError,
} from '@metal3-fleet/plugin-metal3-node';
import { approvalAuditMeta, awaitApproval } from '../approvals/awaitApproval';
import { throwIfInvalid } from '../manifests/fieldErrors';
import { hostLinks } from '../util/pools';
import { waitFor } from '../util/waitFor';
import { removeHostExamples } from './removeHost.examples';
import type { PoolActionOptions } from './scalePool';

/**
 * `metal3:host:remove`: takes one exact host out of its pool the way Cluster
 * API expects, exactly once (the write layer's `removeFromPool`, the same
 * code as the REST API: the delete-machine annotation is the claim, and only
 * the claimer scales the pool down by one), waits until Metal3 has cleaned
 * it and it is available again, and optionally decommissions it: detached
 * (Ironic forgets it without another cleaning), the BareMetalHost deleted,
 * then its BMC Secret unless another host uses it or the portal did not
 * create it (the log and the `bmcSecret` output say which and why).
 */
export function createRemoveHostAction(options: PoolActionOptions) {
  const { clusters, permissions, auditor, approvals } = options;
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
        leftPool: z =>
          z
            .boolean()
            .optional()
            .describe(
              'False when the host was already leaving its pool (a repeat): this run scaled nothing',
            ),
        bmcSecret: z =>
          z
            .object({
              name: z.string(),
              deleted: z.boolean(),
              reason: z.string(),
            })
            .optional()
            .describe(
              'On decommissioning: the BMC Secret, and why it was deleted or kept',
            ),
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
      const { cache, client } = accessCluster(clusters, cluster);
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
      // Leaving a pool may have to wait for a second person.
      const approved =
        pool && machine
          ? await awaitApproval(ctx, approvals, {
              kind: 'remove-from-pool',
              target: { cluster, namespace, name },
              parameters: { decommission },
            })
          : undefined;
      const audit = await openAudit(auditor, {
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
          ...approvalAuditMeta(approved),
        },
      });
      try {
        let leftPool: boolean | undefined;
        if (pool && machine) {
          const removal = await ctx.checkpoint({
            key: `remove-${cluster}-${namespace}-${name}-${dryRun}`,
            fn: async () => {
              const { changed, message } = await removeFromPool(target, {
                dryRun,
              });
              return { changed, message };
            },
          });
          leftPool = removal.changed;
          ctx.logger.info(removal.message);
          await approved?.finish('succeeded', removal.message);
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
        let secret: SecretRelease | undefined;
        if (decommission) {
          secret = await decommissionHost({
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
        await audit.succeed({
          decommissioned: decommission && !dryRun,
          ...(leftPool !== undefined && { leftPool }),
          ...(secret && {
            bmcSecret: secret.name,
            bmcSecretDeleted: secret.deleted,
            bmcSecretReason: secret.reason,
          }),
        });
        const links = hostLinks(cluster, namespace, name, options.fleetPath);
        ctx.output('entityRef', links.entityRef);
        ctx.output('hostUrl', links.hostUrl);
        if (pool) ctx.output('pool', pool.name);
        if (machine) ctx.output('machine', machine.name);
        ctx.output('decommissioned', decommission && !dryRun);
        if (leftPool !== undefined) ctx.output('leftPool', leftPool);
        if (secret) {
          ctx.output('bmcSecret', {
            name: secret.name,
            deleted: secret.deleted,
            reason: secret.reason,
          });
        }
      } catch (error) {
        const reported = toCallerError(error);
        await approved?.finish('failed', reported.message);
        await audit.fail(reported);
        throw reported;
      }
    },
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

/**
 * Detaches and deletes the host, then releases its BMC Secret: deleted only
 * when no other BareMetalHost uses it and the portal created it.
 */
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
}): Promise<SecretRelease | undefined> {
  const { ctx, cache, client, namespace, name, credentialsName, dryRun } =
    options;
  // Detached first: deletion then skips another power-off and cleaning.
  const detached = await ctx.checkpoint({
    key: `detach-${namespace}-${name}-${dryRun}`,
    fn: async () => {
      try {
        return (await setDetached(options.target, true, { dryRun })).message;
      } catch (error) {
        // A concurrent decommission deleted it already: carry on, so this
        // run too ends with the host gone and its Secret released.
        if (error instanceof NotFoundError) return `${name} is already deleted`;
        throw error;
      }
    },
  });
  ctx.logger.info(dryRun ? `Dry run: ${detached}` : detached);
  await ctx.checkpoint({
    key: `delete-host-${namespace}-${name}-${dryRun}`,
    fn: async () => {
      await deleteObject(client, kubePaths.bareMetalHost(namespace, name), {
        dryRun,
      }).catch(ignore404);
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
  if (!credentialsName) return undefined;
  // Only after the host is gone: BMO reads the Secret until the end.
  const release: SecretRelease = await ctx.checkpoint({
    key: `release-secret-${namespace}-${credentialsName}-${dryRun}`,
    fn: () =>
      releaseBmcSecret(client, {
        namespace,
        name: credentialsName,
        host: name,
        dryRun,
      }),
  });
  const secretRef = `BMC Secret ${namespace}/${credentialsName}`;
  if (release.deleted) {
    ctx.logger.info(
      `${dryRun ? 'Dry run: would delete' : 'Deleted'} ${secretRef}: ${
        release.reason
      }`,
    );
  } else {
    ctx.logger.info(`Kept ${secretRef}: ${release.reason}`);
  }
  return release;
}

function ignore404(error: unknown) {
  if (!isNotFound(error)) throw error;
}
