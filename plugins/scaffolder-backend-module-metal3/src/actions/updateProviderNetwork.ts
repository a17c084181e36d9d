import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  metal3PoolScalePermission,
  metal3ResourceRef,
  pickTrunkNic,
} from '@metal3-fleet/plugin-metal3-common';
import {
  accessCluster,
  isNotFound,
  kubePaths,
  mergePatch,
  openAudit,
  requirePermission,
  toCallerError,
  withConflictRetry,
} from '@metal3-fleet/plugin-metal3-node';
import { throwIfInvalid } from '../manifests/fieldErrors';
import {
  mergeCustomInterfaces,
  validateAssignments,
} from '../manifests/providerNetwork';
import { requirePool } from '../util/pools';
import type { PoolActionOptions } from './scalePool';
import { updateProviderNetworkExamples } from './updateProviderNetwork.examples';

/**
 * `metal3:provider-network:update`: Kube-OVN attaches a provider network to
 * `defaultInterface` on every node unless `customInterfaces` names another
 * NIC for it. Servers of different models name their NICs differently, so
 * each node of the pool is listed under the trunk NIC its host's inspection
 * found, picked by the same rule as the runbook check that reports a NIC
 * not covered (metal3-common pickTrunkNic), so applying the check's fix
 * clears it. Counts as a change to the pool (its scale permission). Concurrent
 * updates all land: each merges its NICs into the list as read and writes it
 * conditionally on that version; a 409 merges again into the fresh list.
 */
export function createUpdateProviderNetworkAction(options: PoolActionOptions) {
  const { clusters, permissions, auditor } = options;
  return createTemplateAction({
    id: 'metal3:provider-network:update',
    description:
      "Adds a worker pool's trunk NICs (by their inspected names) to a Kube-OVN ProviderNetwork's customInterfaces",
    examples: updateProviderNetworkExamples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z.string().describe('Name of the cluster in metal3.clusters'),
        providerNetwork: z =>
          z.string().describe('Kube-OVN ProviderNetwork name (cluster-scoped)'),
        namespace: z => z.string().describe('Namespace of the pool'),
        pool: z =>
          z.string().describe('MachineDeployment whose nodes to attach'),
        nicName: z =>
          z
            .string()
            .optional()
            .describe(
              'Trunk NIC name; default: the fastest non-boot NIC without an address',
            ),
      },
      output: {
        interfaces: z =>
          z
            .array(z.object({ node: z.string(), interface: z.string() }))
            .describe('Trunk NIC per node'),
        changed: z => z.boolean(),
      },
    },
    async handler(ctx) {
      const { cluster, providerNetwork, namespace, pool: name } = ctx.input;
      await requirePermission(
        permissions,
        await ctx.getInitiatorCredentials(),
        {
          permission: metal3PoolScalePermission,
          resourceRef: metal3ResourceRef({ cluster, namespace, name }),
        },
      );
      const { cache, client } = accessCluster(clusters, cluster);
      const pool = requirePool(cache, namespace, name);
      const members = cache
        .list('machines')
        .filter(
          m =>
            m.namespace === namespace &&
            m.deploymentName === pool.name &&
            m.nodeName &&
            !m.deleting,
        );
      const assignments: { node: string; interface: string }[] = [];
      const missing: string[] = [];
      for (const machine of members) {
        const m3m = machine.infrastructureRef
          ? cache.get(
              'metal3machines',
              `${namespace}/${machine.infrastructureRef.name}`,
            )
          : undefined;
        const [hostNs, hostName] = (m3m?.hostRef ?? '').split('/');
        if (!hostName) continue;
        // NIC lists are not cached (too large at fleet scale): read the host live.
        const raw = await client.request(
          'GET',
          kubePaths.bareMetalHost(hostNs, hostName),
        );
        const nic = pickTrunkNic(
          raw?.status?.hardware?.nics ?? [],
          raw?.spec?.bootMACAddress,
          ctx.input.nicName,
        );
        if (nic) assignments.push({ node: machine.nodeName!, interface: nic });
        else missing.push(hostName);
      }
      if (missing.length) {
        throw new InputError(
          `nicName: no ${
            ctx.input.nicName
              ? `NIC named ${ctx.input.nicName}`
              : 'trunk NIC candidate'
          } on hosts ${missing.join(', ')}`,
        );
      }
      throwIfInvalid(validateAssignments(assignments));
      const dryRun = Boolean(ctx.isDryRun);
      const path = kubePaths.providerNetwork(providerNetwork);
      const audit = await openAudit(auditor, {
        eventId: 'provider-network-update',
        severityLevel: 'medium',
        meta: {
          cluster,
          providerNetwork,
          namespace,
          pool: name,
          dryRun,
          taskId: ctx.task.id,
        },
      });
      try {
        const changed = await ctx.checkpoint({
          key: `provider-network-${cluster}-${providerNetwork}-${namespace}-${name}-${dryRun}`,
          fn: () =>
            withConflictRetry(
              `ProviderNetwork ${providerNetwork}`,
              async () => {
                let network: any;
                try {
                  network = await client.request('GET', path);
                } catch (error) {
                  if (isNotFound(error))
                    throw new InputError(
                      `providerNetwork: no ProviderNetwork ${providerNetwork}`,
                    );
                  throw error;
                }
                const next = mergeCustomInterfaces(
                  network.spec.defaultInterface,
                  network.spec.customInterfaces,
                  assignments,
                );
                if (
                  JSON.stringify(next) ===
                  JSON.stringify(network.spec.customInterfaces ?? [])
                )
                  return false;
                await mergePatch(
                  client,
                  path,
                  { spec: { customInterfaces: next } },
                  { resourceVersion: network.metadata.resourceVersion, dryRun },
                );
                return true;
              },
            ),
        });
        let verb = 'Already set:';
        if (changed) verb = dryRun ? 'Dry run: would set' : 'Set';
        ctx.logger.info(
          `${verb} trunk NICs ${assignments
            .map(a => `${a.node}=${a.interface}`)
            .join(', ')} on ProviderNetwork ${providerNetwork}`,
        );
        await audit.succeed({ changed, interfaces: assignments });
        ctx.output('interfaces', assignments);
        ctx.output('changed', changed && !dryRun);
      } catch (error) {
        const reported = toCallerError(error);
        await audit.fail(reported);
        throw reported;
      }
    },
  });
}
