import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { metal3PoolCreatePermission } from '@metal3-fleet/plugin-metal3-common';
import { FIELD_MANAGER, KubeClient } from '@metal3-fleet/plugin-metal3-node';
import { throwIfInvalid } from '../manifests/fieldErrors';
import {
  buildWorkerPool,
  creationOrder,
  poolObjectNames,
  validateWorkerPool,
  WorkerPoolInput,
} from '../manifests/workerPool';
import { requirePermission } from '../util/authorize';
import { accessCluster, writeQuery } from '../util/clusterAccess';
import { fieldError, isStatus } from '../util/kubeErrors';
import { collectionPathOf, paths } from '../util/paths';
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
 * are deleted again.
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
      await requireAbsent(client, input, capiVersion);
      await requireCluster(
        client,
        paths.capi(capiVersion, namespace, 'clusters', input.clusterName),
      );

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
      if (input.replicas > hosts.length) {
        throw new InputError(
          `replicas: ${input.replicas} servers requested but only ${hosts.length} available hosts match the host selector`,
        );
      }
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
      const dryRun = Boolean(ctx.isDryRun);
      const query = writeQuery(FIELD_MANAGER, dryRun);
      const event = await auditor.createEvent({
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
          await ctx.checkpoint({
            key: `pool-${cluster}-${namespace}-${manifest.kind}-${manifest.metadata.name}-${dryRun}`,
            fn: async () => {
              await client.request('POST', collectionPathOf(manifest), {
                body: manifest,
                query,
              });
            },
          });
          created.push(manifest);
          ctx.logger.info(
            `${dryRun ? 'Dry run: validated' : 'Created'} ${
              manifest.kind
            } ${namespace}/${manifest.metadata.name}`,
          );
        }
      } catch (error) {
        if (!dryRun) await rollBack(client, created, ctx.logger);
        await event.fail({ error: error as Error });
        if (isStatus(error, 409)) {
          throw new InputError(
            `name: an object of pool ${name} appeared meanwhile: ${
              (error as Error).message
            }`,
          );
        }
        throw fieldError(error);
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
        await event.fail({ error: error as Error });
        throw error;
      }
      await event.success({
        meta: { objects: manifests.map(m => `${m.kind}/${m.metadata.name}`) },
      });
      const links = poolLinks(cluster, namespace, name);
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

/** None of the pool's objects may exist yet: a clash is a duplicate name, named as such. */
async function requireAbsent(
  client: KubeClient,
  input: WorkerPoolInput,
  v: 'v1beta1' | 'v1beta2',
) {
  const names = poolObjectNames(input.name);
  const ns = input.namespace;
  const candidates: [string, string][] = [
    [
      'MachineDeployment',
      paths.capi(v, ns, 'machinedeployments', names.machineDeployment),
    ],
    ['IPPool', paths.ipPools(ns, names.ipPool)],
    [
      'Metal3DataTemplate',
      paths.infra(v, ns, 'metal3datatemplates', names.dataTemplate),
    ],
    [
      'Metal3MachineTemplate',
      paths.infra(v, ns, 'metal3machinetemplates', names.machineTemplate),
    ],
    ['Secret', paths.secrets(ns, names.userData)],
    [
      'Metal3RemediationTemplate',
      paths.infra(
        v,
        ns,
        'metal3remediationtemplates',
        names.remediationTemplate,
      ),
    ],
    [
      'MachineHealthCheck',
      paths.capi(v, ns, 'machinehealthchecks', names.healthCheck),
    ],
  ];
  for (const [kind, path] of candidates) {
    try {
      await client.request('GET', path);
    } catch (error) {
      if (isStatus(error, 404)) continue;
      throw error;
    }
    throw new InputError(
      `name: ${kind} ${ns}/${path
        .split('/')
        .pop()} already exists; choose another pool name`,
    );
  }
}

async function requireCluster(client: KubeClient, path: string) {
  try {
    await client.request('GET', path);
  } catch (error) {
    if (isStatus(error, 404)) {
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
  logger: { info(m: string): void },
) {
  for (const manifest of [...created].reverse()) {
    await client
      .request(
        'DELETE',
        `${collectionPathOf(manifest)}/${manifest.metadata.name}`,
      )
      .then(() =>
        logger.info(`Rolled back ${manifest.kind} ${manifest.metadata.name}`),
      )
      .catch(() => {});
  }
}
