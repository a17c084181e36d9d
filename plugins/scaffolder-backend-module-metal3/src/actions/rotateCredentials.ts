import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  metal3HostManagePermission,
  metal3ResourceRef,
  validateLabelName,
  validateSubdomainName,
} from '@metal3-fleet/plugin-metal3-common';
import {
  accessCluster,
  openAudit,
  requirePermission,
  rotateBmcCredentials,
  toCallerError,
} from '@metal3-fleet/plugin-metal3-node';
import { throwIfInvalid } from '../manifests/fieldErrors';
import { hostLinks } from '../util/pools';
import { rotateCredentialsExamples } from './rotateCredentials.examples';
import type { PoolActionOptions } from './scalePool';

/**
 * `metal3:host:rotate-credentials`: the guide's "Rotate BMC credentials
 * regularly" as one safe step, through the write layer's
 * `rotateBmcCredentials`: a new Secret (the password from the task's
 * secrets), the host switched to it, Metal3 registers it again, and only
 * then the old Secret goes (when no other host uses it and the portal
 * created it). Any failure switches the host back and removes the new
 * Secret. A double submit rotates once: the second finds the host's Secret
 * already holding the new credentials. Set the new password on the BMC
 * first: Metal3 registers with whatever the Secret holds.
 */
export function createRotateCredentialsAction(options: PoolActionOptions) {
  const { clusters, permissions, auditor } = options;
  return createTemplateAction({
    id: 'metal3:host:rotate-credentials',
    description:
      "Rotates a bare-metal host's BMC credentials: a new Secret, the host registers against it, the old Secret is removed only after that succeeds; nothing half-done on failure",
    examples: rotateCredentialsExamples,
    schema: {
      input: {
        cluster: z =>
          z.string().describe('Name of the cluster in metal3.clusters'),
        namespace: z => z.string().describe('Namespace of the host'),
        host: z => z.string().describe('BareMetalHost name'),
        username: z =>
          z
            .string()
            .optional()
            .describe("BMC user name; default: the current Secret's"),
        timeoutMinutes: z =>
          z
            .number()
            .min(1)
            .max(120)
            .optional()
            .describe(
              'How long Metal3 may take to register the host with the new Secret (default 10)',
            ),
      },
      output: {
        hostUrl: z => z.string().describe('Portal page of the host'),
        changed: z =>
          z
            .boolean()
            .describe(
              "False when the host's Secret already held these credentials (a repeat)",
            ),
        secret: z => z.string().describe('The Secret the host uses now'),
        previousSecret: z =>
          z
            .object({
              name: z.string(),
              deleted: z.boolean(),
              reason: z.string(),
            })
            .optional()
            .describe(
              'The Secret it used before, and why it was deleted or kept',
            ),
      },
    },
    async handler(ctx) {
      const { cluster, namespace, host } = ctx.input;
      throwIfInvalid([
        validateLabelName(namespace, 'namespace'),
        validateSubdomainName(host, 'host'),
      ]);
      const password = ctx.secrets?.bmcPassword;
      if (!password) {
        throw new InputError(
          'secrets.bmcPassword is required (the new BMC password, from the Secret widget)',
        );
      }
      await requirePermission(
        permissions,
        await ctx.getInitiatorCredentials(),
        {
          permission: metal3HostManagePermission,
          resourceRef: metal3ResourceRef({ cluster, namespace, name: host }),
        },
      );
      const { client } = accessCluster(clusters, cluster);
      const audit = await openAudit(auditor, {
        eventId: 'host-credentials-rotate',
        severityLevel: 'high',
        meta: { cluster, namespace, host, taskId: ctx.task.id },
      });
      try {
        // A retried task does not rotate a second time.
        const result = await ctx.checkpoint({
          key: `rotate-credentials-${cluster}-${namespace}-${host}`,
          fn: async () => {
            const rotation = await rotateBmcCredentials({
              client,
              namespace,
              host,
              username: ctx.input.username,
              password,
              timeoutMs: (ctx.input.timeoutMinutes ?? 10) * 60_000,
              log: ctx.logger,
            });
            return {
              changed: rotation.changed,
              secret: rotation.secret,
              ...(rotation.previous && {
                previousSecret: {
                  name: rotation.previous.name,
                  deleted: rotation.previous.deleted,
                  reason: rotation.previous.reason,
                },
              }),
            };
          },
        });
        await audit.succeed({
          changed: result.changed,
          secret: result.secret,
          ...(result.previousSecret && {
            previousSecret: result.previousSecret.name,
            previousSecretDeleted: result.previousSecret.deleted,
          }),
        });
        ctx.output(
          'hostUrl',
          hostLinks(cluster, namespace, host, options.fleetPath).hostUrl,
        );
        ctx.output('changed', result.changed);
        ctx.output('secret', result.secret);
        if (result.previousSecret) {
          ctx.output('previousSecret', result.previousSecret);
        }
      } catch (error) {
        const reported = toCallerError(error);
        await audit.fail(reported);
        throw reported;
      }
    },
  });
}
