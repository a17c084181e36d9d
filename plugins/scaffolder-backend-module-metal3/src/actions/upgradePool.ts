import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  metal3PoolScalePermission,
  metal3ResourceRef,
} from '@metal3-fleet/plugin-metal3-common';
import { FIELD_MANAGER } from '@metal3-fleet/plugin-metal3-node';
import { TOPOLOGY_DEPLOYMENT_LABEL } from '../manifests/capi';
import { throwIfInvalid } from '../manifests/fieldErrors';
import {
  buildUpgradedTemplate,
  nextTemplateName,
  validateUpgrade,
} from '../manifests/upgradeTemplate';
import { requirePermission } from '../util/authorize';
import { accessCluster, writeQuery } from '../util/clusterAccess';
import { fieldError, isStatus } from '../util/kubeErrors';
import { paths } from '../util/paths';
import { poolCapacity, poolLinks, requirePool } from '../util/pools';
import { waitFor } from '../util/waitFor';
import { poolInputFields } from './poolSchema';
import type { PoolActionOptions } from './scalePool';
import { upgradePoolExamples } from './upgradePool.examples';

const MERGE_PATCH = 'application/merge-patch+json';

/**
 * `metal3:pool:upgrade`: a new Metal3MachineTemplate (new image) and the
 * MachineDeployment pointed at it (and at the new Kubernetes version): CAPI
 * then replaces the machines as its rollout strategy allows. Templates are
 * never edited in place. Writing a pool update is the pool's scale permission
 * (both change the pool's machines).
 */
export function createUpgradePoolAction(options: PoolActionOptions) {
  const { clusters, permissions, auditor } = options;
  return createTemplateAction({
    id: 'metal3:pool:upgrade',
    description:
      'Rolls a bare-metal worker pool to a new image and/or Kubernetes version through a new Metal3MachineTemplate',
    examples: upgradePoolExamples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z.string().describe('Name of the cluster in metal3.clusters'),
        namespace: z => z.string().describe('Namespace of the pool'),
        pool: z => z.string().describe('MachineDeployment name'),
        image: z => poolInputFields.image(z).optional(),
        kubernetesVersion: z =>
          z.string().optional().describe('e.g. v1.34.1+rke2r1'),
        templateName: z =>
          z
            .string()
            .optional()
            .describe('Default: the next -vN of the current template'),
        nodeReuse: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Re-provision the same hosts (CAPM3 nodeReuse; needs maxSurge 0)',
            ),
        waitForRollout: z => z.boolean().optional(),
        timeoutMinutes: z =>
          z.number().positive().optional().describe('Default 120'),
      },
      output: {
        entityRef: z => z.string(),
        poolUrl: z => z.string(),
        templateName: z => z.string().describe('The new Metal3MachineTemplate'),
        previousTemplateName: z => z.string(),
      },
    },
    async handler(ctx) {
      const { cluster, namespace, pool: name } = ctx.input;
      throwIfInvalid(validateUpgrade(ctx.input));
      await requirePermission(
        permissions,
        await ctx.getInitiatorCredentials(),
        {
          permission: metal3PoolScalePermission,
          resourceRef: metal3ResourceRef({ cluster, namespace, name }),
        },
      );
      const {
        cache,
        client,
        capiVersion: v,
      } = accessCluster(clusters, cluster);
      const pool = requirePool(cache, namespace, name);
      const currentName = pool.infrastructureRef?.name;
      if (
        !currentName ||
        pool.infrastructureRef?.kind !== 'Metal3MachineTemplate'
      ) {
        throw new InputError(
          `pool: ${name} is not built from a Metal3MachineTemplate`,
        );
      }
      const mdPath = paths.capi(v, namespace, 'machinedeployments', name);
      const md = await client.request('GET', mdPath);
      if (md?.metadata?.labels?.[TOPOLOGY_DEPLOYMENT_LABEL]) {
        throw new InputError(
          `pool: ${name} is managed by its Cluster's topology (ClusterClass); upgrade through the Cluster's topology version and class`,
        );
      }
      const taken = (n: string) =>
        Boolean(cache.get('metal3machinetemplates', `${namespace}/${n}`));
      const templateName =
        ctx.input.templateName ?? nextTemplateName(currentName, taken);
      if (taken(templateName)) {
        throw new InputError(
          `templateName: Metal3MachineTemplate ${templateName} already exists`,
        );
      }
      const current = await client.request(
        'GET',
        paths.infra(v, namespace, 'metal3machinetemplates', currentName),
      );
      const template = buildUpgradedTemplate(
        current,
        templateName,
        ctx.input,
        v,
      );
      const surge = Number(pool.maxSurge ?? 0);
      if (surge > 0 && poolCapacity(cache, pool).headroom < surge) {
        ctx.logger.warn(
          `maxSurge is ${surge} but fewer available hosts match the pool: the rollout will wait for a free host`,
        );
      }
      const dryRun = Boolean(ctx.isDryRun);
      const query = writeQuery(FIELD_MANAGER, dryRun);
      const event = await auditor.createEvent({
        eventId: 'pool-upgrade',
        severityLevel: 'high',
        meta: {
          cluster,
          namespace,
          pool: name,
          from: currentName,
          to: templateName,
          version: ctx.input.kubernetesVersion,
          dryRun,
          taskId: ctx.task.id,
        },
      });
      try {
        await ctx.checkpoint({
          key: `upgrade-template-${cluster}-${namespace}-${templateName}-${dryRun}`,
          fn: async () => {
            await client.request(
              'POST',
              paths.infra(v, namespace, 'metal3machinetemplates'),
              { body: template, query },
            );
          },
        });
        ctx.logger.info(
          `${
            dryRun ? 'Dry run: validated' : 'Created'
          } Metal3MachineTemplate ${templateName}`,
        );
        try {
          await ctx.checkpoint({
            key: `upgrade-rollout-${cluster}-${namespace}-${name}-${templateName}-${dryRun}`,
            fn: async () => {
              // Conditional on the version read: a concurrent edit answers 409, not a lost update.
              await client.request('PATCH', mdPath, {
                body: {
                  metadata: { resourceVersion: md.metadata.resourceVersion },
                  spec: {
                    template: {
                      spec: {
                        infrastructureRef: { name: templateName },
                        ...(ctx.input.kubernetesVersion && {
                          version: ctx.input.kubernetesVersion,
                        }),
                      },
                    },
                  },
                },
                contentType: MERGE_PATCH,
                query,
              });
            },
          });
        } catch (error) {
          if (!dryRun) {
            await client
              .request(
                'DELETE',
                paths.infra(
                  v,
                  namespace,
                  'metal3machinetemplates',
                  templateName,
                ),
              )
              .catch(() => {});
          }
          if (isStatus(error, 409)) {
            throw new InputError(
              `pool: ${name} changed while upgrading; run the upgrade again`,
            );
          }
          throw error;
        }
        ctx.logger.info(
          `${
            dryRun ? 'Dry run: would roll' : 'Rolling'
          } pool ${name} from ${currentName} to ${templateName}`,
        );
        if (ctx.input.waitForRollout && !dryRun) {
          const replicas = pool.replicas ?? 1;
          await waitFor({
            check: () => {
              const p = cache.get('machinedeployments', `${namespace}/${name}`);
              return (
                p?.infrastructureRef?.name === templateName &&
                p.status.upToDateReplicas === replicas &&
                p.status.readyReplicas === replicas &&
                p.status.replicas === replicas
              );
            },
            progress: () => {
              const p = cache.get('machinedeployments', `${namespace}/${name}`);
              return `Pool ${name}: ${
                p?.status.upToDateReplicas ?? 0
              }/${replicas} up to date, ${p?.status.readyReplicas ?? 0} ready`;
            },
            logger: ctx.logger,
            timeoutMs: (ctx.input.timeoutMinutes ?? 120) * 60_000,
            signal: ctx.signal,
          });
        }
        await event.success();
      } catch (error) {
        await event.fail({ error: error as Error });
        throw fieldError(error);
      }
      const links = poolLinks(cluster, namespace, name);
      ctx.output('entityRef', links.entityRef);
      ctx.output('poolUrl', links.poolUrl);
      ctx.output('templateName', templateName);
      ctx.output('previousTemplateName', currentName);
    },
  });
}
