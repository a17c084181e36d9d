import {
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  formatLabelSelector,
  metal3PoolScalePermission,
  metal3ResourceRef,
} from '@metal3-fleet/plugin-metal3-common';
import {
  accessCluster,
  openAudit,
  Metal3ClusterService,
  poolCapacity,
  poolTemplate,
  requirePermission,
  scalePool,
  toCallerError,
} from '@metal3-fleet/plugin-metal3-node';
import {
  throwIfInvalid,
  fieldProblem,
  FieldError,
} from '../manifests/fieldErrors';
import {
  ApprovalGate,
  approvalAuditMeta,
  awaitApproval,
} from '../approvals/awaitApproval';
import { poolLinks, requirePool } from '../util/pools';
import { waitFor } from '../util/waitFor';
import { scalePoolExamples } from './scalePool.examples';

export interface PoolActionOptions {
  clusters: Metal3ClusterService;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** Where the app mounts the fleet page (`metal3.fleetPath`): the start of the `hostUrl`/`poolUrl` outputs. Default `/metal3`. */
  fleetPath?: string;
  /** Risky operations wait for a second person (metal3.approvals); absent: never. */
  approvals?: ApprovalGate;
}

/**
 * `metal3:pool:scale`: sets a worker pool's replicas after checking the
 * min/max guard and that enough available hosts match the pool's host
 * selector (otherwise the new Metal3Machines would wait for ever, CAPM3
 * "No available host found"). Optionally waits until the pool is ready.
 */
export function createScalePoolAction(options: PoolActionOptions) {
  const { clusters, permissions, auditor } = options;
  return createTemplateAction({
    id: 'metal3:pool:scale',
    description:
      'Scales a bare-metal worker pool (MachineDeployment) after a capacity check against the available hosts its host selector matches',
    examples: scalePoolExamples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z.string().describe('Name of the cluster in metal3.clusters'),
        namespace: z => z.string().describe('Namespace of the pool'),
        pool: z => z.string().describe('MachineDeployment name'),
        replicas: z => z.number().int().describe('Desired number of servers'),
        minReplicas: z =>
          z
            .number()
            .int()
            .min(0)
            .optional()
            .describe('Refuse to go below this (default 0)'),
        maxReplicas: z =>
          z
            .number()
            .int()
            .min(0)
            .optional()
            .describe('Refuse to go above this'),
        waitForReady: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Wait until every replica is ready (progress in the log)',
            ),
        timeoutMinutes: z =>
          z
            .number()
            .positive()
            .optional()
            .describe('How long to wait (default 60)'),
      },
      output: {
        entityRef: z => z.string().describe('Catalog entity of the pool'),
        poolUrl: z => z.string().describe('Portal page of the pool'),
        previousReplicas: z => z.number(),
        replicas: z => z.number(),
        availableHosts: z =>
          z
            .number()
            .describe('Available hosts matching the pool before scaling'),
      },
    },
    async handler(ctx) {
      const { cluster, namespace, pool: name, replicas } = ctx.input;
      const min = ctx.input.minReplicas ?? 0;
      const max = ctx.input.maxReplicas;
      throwIfInvalid(guard(replicas, min, max));

      await requirePermission(
        permissions,
        await ctx.getInitiatorCredentials(),
        {
          permission: metal3PoolScalePermission,
          resourceRef: metal3ResourceRef({ cluster, namespace, name }),
        },
      );
      const { cache } = accessCluster(clusters, cluster);
      const pool = requirePool(cache, namespace, name);
      const template = poolTemplate(cache, pool);
      const capacity = poolCapacity(cache, pool);
      const selector = template
        ? formatLabelSelector(template.hostSelector)
        : '(no template)';
      const waiting = capacity.waiting
        ? `, ${capacity.waiting} machines already waiting for a host`
        : '';
      ctx.logger.info(
        `Pool ${namespace}/${name}: ${pool.replicas ?? 1} replicas, ${
          capacity.free.length
        } available hosts match ${selector}${waiting}`,
      );

      // A scale-down may have to wait for a second person.
      const approved = await awaitApproval(ctx, options.approvals, {
        kind: 'scale-down',
        target: { cluster, namespace, name },
        parameters: { replicas },
      });
      const audit = await openAudit(auditor, {
        eventId: 'pool-scale',
        severityLevel: replicas < (pool.replicas ?? 1) ? 'high' : 'medium',
        meta: {
          cluster,
          namespace,
          pool: name,
          replicas,
          dryRun: Boolean(ctx.isDryRun),
          taskId: ctx.task.id,
          ...approvalAuditMeta(approved),
        },
      });
      try {
        // Absolute, so a repeat (a retried task, a double submit) leaves the
        // same size; the capacity check runs on the fresh count of each attempt.
        const change = await ctx.checkpoint({
          key: `scale-${cluster}-${namespace}-${name}-${replicas}`,
          fn: async () => {
            const { message: _m, ...rest } = await scalePool(
              { cache, namespace, name },
              { request: { to: replicas }, dryRun: Boolean(ctx.isDryRun) },
            );
            return rest;
          },
        });
        await approved?.finish(
          'succeeded',
          `Pool ${namespace}/${name} scaled from ${change.from} to ${change.to}`,
        );
        const via =
          change.via === 'topology'
            ? ' through the Cluster topology (ClusterClass)'
            : '';
        ctx.logger.info(
          change.changed
            ? `${
                ctx.isDryRun ? 'Dry run: would scale' : 'Scaled'
              } pool ${namespace}/${name} from ${change.from} to ${
                change.to
              }${via}`
            : `Pool ${namespace}/${name} already has ${change.to} replicas`,
        );
        if (ctx.input.waitForReady && !ctx.isDryRun) {
          await waitFor({
            check: () => {
              const p = cache.get('machinedeployments', `${namespace}/${name}`);
              return (
                p?.replicas === replicas &&
                p.status.replicas === replicas &&
                (p.status.readyReplicas ?? 0) === replicas
              );
            },
            progress: () => {
              const p = cache.get('machinedeployments', `${namespace}/${name}`);
              return `Pool ${name}: ${
                p?.status.readyReplicas ?? 0
              }/${replicas} ready, ${p?.status.replicas ?? 0} machines`;
            },
            logger: ctx.logger,
            timeoutMs: (ctx.input.timeoutMinutes ?? 60) * 60_000,
            signal: ctx.signal,
          });
        }
        await audit.succeed({
          from: change.from,
          to: change.to,
          via: change.via,
          changed: change.changed,
        });
        const links = poolLinks(cluster, namespace, name, options.fleetPath);
        ctx.output('entityRef', links.entityRef);
        ctx.output('poolUrl', links.poolUrl);
        ctx.output('previousReplicas', change.from);
        ctx.output('replicas', change.to);
        ctx.output('availableHosts', capacity.free.length);
      } catch (error) {
        const reported = toCallerError(error);
        await approved?.finish('failed', reported.message);
        await audit.fail(reported);
        throw reported;
      }
    },
  });
}

function guard(
  replicas: number,
  min: number,
  max: number | undefined,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!Number.isInteger(replicas) || replicas < 0) {
    errors.push(
      fieldProblem('replicas', `${replicas} is not a whole number ≥ 0`),
    );
  }
  if (replicas < min)
    errors.push(
      fieldProblem('replicas', `${replicas} is below minReplicas ${min}`),
    );
  if (max !== undefined && replicas > max) {
    errors.push(
      fieldProblem('replicas', `${replicas} is above maxReplicas ${max}`),
    );
  }
  if (max !== undefined && min > max) {
    errors.push(
      fieldProblem('minReplicas', `${min} is above maxReplicas ${max}`),
    );
  }
  return errors;
}
