import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  metal3PoolScalePermission,
  metal3ResourceRef,
} from '@metal3-fleet/plugin-metal3-common';
import {
  accessCluster,
  CapiVersion,
  createOrAdopt,
  deleteObject,
  existingState,
  firstDifference,
  isConflict,
  KubeClient,
  kubePaths,
  Manifest,
  mergePatch,
  objectPathOf,
  openAudit,
  poolCapacity,
  requirePermission,
  toCallerError,
  TOPOLOGY_DEPLOYMENT_LABEL,
  withConflictRetry,
} from '@metal3-fleet/plugin-metal3-node';
import { approvalAuditMeta, awaitApproval } from '../approvals/awaitApproval';
import { throwIfInvalid } from '../manifests/fieldErrors';
import {
  buildUpgradedTemplate,
  nextTemplateName,
  UpgradeInput,
  validateUpgrade,
} from '../manifests/upgradeTemplate';
import { poolLinks, requirePool } from '../util/pools';
import { waitFor } from '../util/waitFor';
import { poolInputFields } from './poolSchema';
import type { PoolActionOptions } from './scalePool';
import { upgradePoolExamples } from './upgradePool.examples';

/**
 * `metal3:pool:upgrade`: a new Metal3MachineTemplate (new image) and the
 * MachineDeployment pointed at it (and at the new Kubernetes version): CAPI
 * then replaces the machines as its rollout strategy allows. Templates are
 * never edited in place. Writing a pool update is the pool's scale permission
 * (both change the pool's machines). A pool already on that image and
 * version is left alone (a repeat changes nothing), and concurrent identical
 * upgrades make one template and one rollout (see `rollOut`).
 */
export function createUpgradePoolAction(options: PoolActionOptions) {
  const { clusters, permissions, auditor, approvals } = options;
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
        changed: z =>
          z
            .boolean()
            .describe(
              'False when the pool already ran that image and version (nothing written)',
            ),
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
      if (pool.infrastructureRef?.kind !== 'Metal3MachineTemplate') {
        throw new InputError(
          `pool: ${name} is not built from a Metal3MachineTemplate`,
        );
      }
      const surge = Number(pool.maxSurge ?? 0);
      if (surge > 0 && poolCapacity(cache, pool).headroom < surge) {
        ctx.logger.warn(
          `maxSurge is ${surge} but fewer available hosts match the pool: the rollout will wait for a free host`,
        );
      }
      const dryRun = Boolean(ctx.isDryRun);
      // A rollout may have to wait for a second person.
      const approved = await awaitApproval(ctx, approvals, {
        kind: 'pool-upgrade',
        target: { cluster, namespace, name },
        parameters: {
          ...(ctx.input.image?.url && { imageUrl: ctx.input.image.url }),
          ...(ctx.input.kubernetesVersion && {
            kubernetesVersion: ctx.input.kubernetesVersion,
          }),
          ...(ctx.input.templateName && {
            templateName: ctx.input.templateName,
          }),
        },
      });
      const audit = await openAudit(auditor, {
        eventId: 'pool-upgrade',
        severityLevel: 'high',
        meta: {
          cluster,
          namespace,
          pool: name,
          version: ctx.input.kubernetesVersion,
          dryRun,
          taskId: ctx.task.id,
          ...approvalAuditMeta(approved),
        },
      });
      let rollout: Rollout;
      try {
        rollout = await ctx.checkpoint({
          key: `upgrade-${cluster}-${namespace}-${name}-${dryRun}`,
          fn: () =>
            rollOut({
              client,
              v,
              namespace,
              name,
              input: ctx.input,
              taken: n =>
                Boolean(
                  cache.get('metal3machinetemplates', `${namespace}/${n}`),
                ),
              dryRun,
              log: ctx.logger,
            }),
        });
        await approved?.finish(
          'succeeded',
          rollout.changed
            ? `Pool ${name} rolls from ${rollout.previousTemplateName} to ${rollout.templateName}`
            : `Pool ${name} already ran ${rollout.templateName}: nothing changed`,
        );
        if (!rollout.changed) {
          ctx.logger.info(
            `Pool ${name} already runs ${rollout.templateName} with that image and version: nothing to do`,
          );
        } else {
          ctx.logger.info(
            `${dryRun ? 'Dry run: would roll' : 'Rolling'} pool ${name} from ${
              rollout.previousTemplateName
            } to ${rollout.templateName}`,
          );
        }
        if (ctx.input.waitForRollout && !dryRun) {
          const replicas = pool.replicas ?? 1;
          const templateName = rollout.templateName;
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
        await audit.succeed({
          from: rollout.previousTemplateName,
          to: rollout.templateName,
          changed: rollout.changed,
        });
      } catch (error) {
        const reported = toCallerError(error);
        await approved?.finish('failed', reported.message);
        await audit.fail(reported);
        throw reported;
      }
      const links = poolLinks(cluster, namespace, name, options.fleetPath);
      ctx.output('entityRef', links.entityRef);
      ctx.output('poolUrl', links.poolUrl);
      ctx.output('templateName', rollout.templateName);
      ctx.output('previousTemplateName', rollout.previousTemplateName);
      ctx.output('changed', rollout.changed && !dryRun);
    },
  });
}

/** A type, not an interface: checkpoints store JSON objects. */
type Rollout = {
  changed: boolean;
  templateName: string;
  previousTemplateName: string;
};

/**
 * One upgrade, exactly once. Read the MachineDeployment and its template
 * fresh; when the template already has the new image (and the pool the
 * version), nothing is written. Otherwise create the new template, or adopt
 * one of that name with identical content (a concurrent twin made it), and
 * point the MachineDeployment at it conditionally on the version read. On
 * 409 everything is read again: a twin's rollout to the same template is
 * then "already done", so N identical requests make one template and one
 * rollout. A template this call created is deleted again only when the
 * rollout failed for another reason and nothing refers to it.
 */
async function rollOut(options: {
  client: KubeClient;
  v: CapiVersion;
  namespace: string;
  name: string;
  input: UpgradeInput;
  taken: (name: string) => boolean;
  dryRun: boolean;
  log: { info(m: string): void };
}): Promise<Rollout> {
  const { client, v, namespace, name, input, dryRun } = options;
  const mdPath = kubePaths.machineDeployment(v, namespace, name);
  return withConflictRetry(
    `MachineDeployment ${namespace}/${name}`,
    async () => {
      const md = await client.request('GET', mdPath);
      if (md?.metadata?.labels?.[TOPOLOGY_DEPLOYMENT_LABEL]) {
        throw new InputError(
          `pool: ${name} is managed by its Cluster's topology (ClusterClass); upgrade through the Cluster's topology version and class`,
        );
      }
      const ref = md?.spec?.template?.spec?.infrastructureRef;
      if (!ref?.name || ref.kind !== 'Metal3MachineTemplate') {
        throw new InputError(
          `pool: ${name} is not built from a Metal3MachineTemplate`,
        );
      }
      const previousTemplateName: string = ref.name;
      const current = await client.request(
        'GET',
        kubePaths.metal3MachineTemplate(v, namespace, previousTemplateName),
      );
      const versionDone =
        !input.kubernetesVersion ||
        md.spec.template.spec.version === input.kubernetesVersion;
      const sameSpec = buildUpgradedTemplate(
        current,
        previousTemplateName,
        input,
        v,
      );
      if (versionDone && !firstDifference(sameSpec.spec, current.spec)) {
        return {
          changed: false,
          templateName: previousTemplateName,
          previousTemplateName,
        };
      }
      // The new template: the name asked for, else the next free -vN (an
      // existing one that differs is someone else's: skip it).
      let templateName = input.templateName;
      let template = buildUpgradedTemplate(
        current,
        templateName ?? '',
        input,
        v,
      );
      if (!templateName) {
        const skipped = new Set<string>();
        for (;;) {
          const candidate = nextTemplateName(
            previousTemplateName,
            n =>
              options.taken(n) || skipped.has(n) || n === previousTemplateName,
          );
          template = buildUpgradedTemplate(current, candidate, input, v);
          try {
            await existingState(client, template);
            templateName = candidate;
            break;
          } catch (error) {
            if (!(error instanceof InputError)) throw error;
            skipped.add(candidate);
          }
        }
      }
      const outcome = await createOrAdopt(client, template, {
        dryRun,
        field: 'templateName',
      });
      options.log.info(
        outcome === 'created'
          ? `${
              dryRun ? 'Dry run: validated' : 'Created'
            } Metal3MachineTemplate ${templateName}`
          : `Metal3MachineTemplate ${templateName} already exists as requested`,
      );
      try {
        await mergePatch(
          client,
          mdPath,
          {
            spec: {
              template: {
                spec: {
                  infrastructureRef: { name: templateName },
                  ...(input.kubernetesVersion && {
                    version: input.kubernetesVersion,
                  }),
                },
              },
            },
          },
          { resourceVersion: md.metadata.resourceVersion, dryRun },
        );
      } catch (error) {
        // On 409 the retry reads again and may well use this template.
        if (outcome === 'created' && !dryRun && !isConflict(error)) {
          await withdrawTemplate(client, mdPath, template);
        }
        throw error;
      }
      return {
        changed: true,
        templateName: templateName!,
        previousTemplateName,
      };
    },
  );
}

/** Deletes a template this run created, unless the pool refers to it meanwhile. */
async function withdrawTemplate(
  client: KubeClient,
  mdPath: string,
  template: Manifest,
) {
  const md = await client.request('GET', mdPath).catch(() => undefined);
  const ref = md?.spec?.template?.spec?.infrastructureRef?.name;
  if (ref === template.metadata.name) return;
  await deleteObject(client, objectPathOf(template)).catch(() => {});
}
