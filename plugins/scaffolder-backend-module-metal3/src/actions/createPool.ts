import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { metal3PoolCreatePermission } from '@metal3-fleet/plugin-metal3-common';
import {
  accessCluster,
  createOrAdopt,
  deleteObject,
  existingState,
  isNotFound,
  KubeClient,
  kubePaths,
  objectPathOf,
  openAudit,
  requirePermission,
  toCallerError,
} from '@metal3-fleet/plugin-metal3-node';
import { throwIfInvalid } from '../manifests/fieldErrors';
import {
  buildWorkerPool,
  creationOrder,
  validateWorkerPool,
  WorkerPoolInput,
} from '../manifests/workerPool';
import { freeHostsMatching, poolLinks } from '../util/pools';
import { readSecretValue } from '../util/readSecretValue';
import { waitFor } from '../util/waitFor';
import { createPoolExamples } from './createPool.examples';
import { poolInputFields } from './poolSchema';
import type { PoolActionOptions } from './scalePool';

type Manifest = ReturnType<typeof creationOrder>[number];

/**
 * `metal3:pool:create`: a complete bare-metal worker pool for the Cluster API
 * version the cluster serves: IPPool, Metal3DataTemplate, Metal3MachineTemplate,
 * the RKE2 join user-data Secret (token read from an existing Secret),
 * Metal3RemediationTemplate, MachineDeployment and MachineHealthCheck.
 * It first previews the available hosts the selector matches (and refuses
 * more replicas than that); if any object is refused, the ones it created
 * are deleted again. A re-run creates nothing new: objects that exist as
 * this run would create them count as done, one that differs is refused
 * naming it before anything is written.
 */
export function createCreatePoolAction(options: PoolActionOptions) {
  const { clusters, permissions, auditor } = options;
  return createTemplateAction({
    id: 'metal3:pool:create',
    description:
      'Creates a bare-metal worker pool: IPPool, data and machine templates, RKE2 join Secret, MachineDeployment, health check with reboot remediation',
    examples: createPoolExamples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z.string().describe('Name of the cluster in metal3.clusters'),
        ...poolInputFields,
        waitForReady: z =>
          z.boolean().optional().describe('Wait until every replica is ready'),
        timeoutMinutes: z =>
          z.number().positive().optional().describe('Default 60'),
      },
      output: {
        entityRef: z => z.string().describe('Catalog entity of the pool'),
        poolUrl: z => z.string().describe('Portal page of the pool'),
        matchingHosts: z =>
          z.array(z.string()).describe('Available hosts the selector matched'),
        objects: z =>
          z.array(z.string()).describe('Kind/name of every object created'),
      },
    },
    async handler(ctx) {
      const { cluster, waitForReady, timeoutMinutes, ...rest } = ctx.input;
      const input = {
        ...rest,
        hostSelector: { matchLabels: rest.hostSelector },
      } as WorkerPoolInput;
      const { namespace, name } = input;
      throwIfInvalid(validateWorkerPool(input));
      await requirePermission(
        permissions,
        await ctx.getInitiatorCredentials(),
        {
          permission: metal3PoolCreatePermission,
        },
      );
      const { cache, client, capiVersion } = accessCluster(clusters, cluster);
      await requireCluster(
        client,
        kubePaths.cluster(capiVersion, namespace, input.clusterName),
      );
      const token = await readSecretValue(
        client,
        namespace,
        input.join.tokenSecretName,
        input.join.tokenSecretKey ?? 'token',
        { name: 'join.tokenSecretName', key: 'join.tokenSecretKey' },
      );
      const manifests = creationOrder(
        buildWorkerPool(input, capiVersion, token),
      );
      // What exists already: the same (a re-run) or different (refused now,
      // naming it, before anything is written).
      const states = new Map<Manifest, 'absent' | 'same'>();
      for (const manifest of manifests) {
        states.set(manifest, await existingState(client, manifest));
      }
      const rerun = manifests.every(m => states.get(m) === 'same');

      // The preview: which hosts this pool would take, before anything exists.
      const hosts = freeHostsMatching(cache, namespace, input.hostSelector);
      const names = hosts.slice(0, 20).map(h => h.name);
      if (hosts.length > 20) names.push('…');
      ctx.logger.info(
        `${
          hosts.length
        } available hosts match the pool's selector in ${namespace}${
          names.length ? `: ${names.join(', ')}` : ''
        }`,
      );
      // A re-run's machines hold their hosts already.
      if (!rerun && input.replicas > hosts.length) {
        throw new InputError(
          `replicas: ${input.replicas} servers requested but only ${hosts.length} available hosts match the host selector`,
        );
      }
      const dryRun = Boolean(ctx.isDryRun);
      const audit = await openAudit(auditor, {
        eventId: 'pool-create',
        severityLevel: 'medium',
        meta: {
          cluster,
          namespace,
          pool: name,
          replicas: input.replicas,
          capiVersion,
          dryRun,
          taskId: ctx.task.id,
        },
      });
      const created: Manifest[] = [];
      try {
        for (const manifest of manifests) {
          const what = `${manifest.kind} ${namespace}/${manifest.metadata.name}`;
          const outcome = await ctx.checkpoint({
            key: `pool-${cluster}-${namespace}-${manifest.kind}-${manifest.metadata.name}-${dryRun}`,
            fn: () =>
              states.get(manifest) === 'same'
                ? Promise.resolve('exists' as const)
                : createOrAdopt(client, manifest, { dryRun }),
          });
          if (outcome === 'created') {
            created.push(manifest);
            ctx.logger.info(
              `${dryRun ? 'Dry run: validated' : 'Created'} ${what}`,
            );
          } else {
            ctx.logger.info(`${what} already exists as requested`);
          }
        }
      } catch (error) {
        if (!dryRun) await rollBack(client, created, ctx.logger);
        const reported = toCallerError(error);
        await audit.fail(reported);
        throw reported;
      }
      try {
        if (waitForReady && !dryRun && input.replicas > 0) {
          await waitFor({
            check: () => {
              const p = cache.get('machinedeployments', `${namespace}/${name}`);
              return (p?.status.readyReplicas ?? 0) >= input.replicas;
            },
            progress: () => {
              const p = cache.get('machinedeployments', `${namespace}/${name}`);
              return `Pool ${name}: ${p?.status.readyReplicas ?? 0}/${
                input.replicas
              } ready, ${p?.status.replicas ?? 0} machines`;
            },
            logger: ctx.logger,
            timeoutMs: (timeoutMinutes ?? 60) * 60_000,
            signal: ctx.signal,
          });
        }
      } catch (error) {
        // The pool exists; only the wait failed: record it, keep the objects.
        await audit.fail(error);
        throw error;
      }
      await audit.succeed({
        objects: manifests.map(m => `${m.kind}/${m.metadata.name}`),
        created: created.map(m => `${m.kind}/${m.metadata.name}`),
      });
      const links = poolLinks(cluster, namespace, name, options.fleetPath);
      ctx.output('entityRef', links.entityRef);
      ctx.output('poolUrl', links.poolUrl);
      ctx.output(
        'matchingHosts',
        hosts.map(h => h.name),
      );
      ctx.output(
        'objects',
        manifests.map(m => `${m.kind}/${m.metadata.name}`),
      );
    },
  });
}

async function requireCluster(client: KubeClient, path: string) {
  try {
    await client.request('GET', path);
  } catch (error) {
    if (isNotFound(error)) {
      throw new InputError(
        `clusterName: no Cluster ${path.split('/').pop()} in this namespace`,
      );
    }
    throw error;
  }
}

/** Leaves nothing half-created: deletes in reverse order what this run created. */
async function rollBack(
  client: KubeClient,
  created: Manifest[],
  logger: { info(m: string): void; warn(m: string): void },
) {
  for (const manifest of [...created].reverse()) {
    const what = `${manifest.kind} ${manifest.metadata.name}`;
    await deleteObject(client, objectPathOf(manifest))
      .then(() => logger.info(`Rolled back ${what}`))
      .catch(error => {
        if (!isNotFound(error))
          logger.warn(`Could not roll back ${what}: ${error.message}`);
      });
  }
}
