import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import {
  OwnerResolver,
  metal3ClusterReadPermission,
  metal3HostReadPermission,
  metal3PoolReadPermission,
} from '@metal3-fleet/plugin-metal3-common';
import { Metal3ClusterService } from '@metal3-fleet/plugin-metal3-node';
import { HostIndex } from '../fleet/HostIndex';
import { StoredHostSummary } from '../fleet/hostSummary';
import { parseHostQuery, runHostQuery } from '../fleet/hostQuery';
import { buildPoolSummary } from '../fleet/poolSummary';
import { FleetAccess } from '../service/FleetAccess';

/** The few fields an agent needs per host; the full rows are large. */
function brief(h: StoredHostSummary) {
  return {
    cluster: h.cluster,
    namespace: h.namespace,
    name: h.name,
    status: h.status.label,
    health: h.status.health,
    power: h.status.power,
    pool: h.pool?.name ?? null,
    node: h.node?.name ?? null,
    vendor: h.hardware?.manufacturer ?? null,
    model: h.hardware?.productName ?? null,
    error: h.status.error
      ? `${h.status.error.title}: ${h.status.error.message}`
      : null,
    fix: h.status.error?.fix ?? null,
  };
}

/**
 * Read-only fleet actions for the actions registry, so agents can query the
 * fleet over MCP with the caller's own permissions.
 */
export function registerFleetActions(options: {
  actionsRegistry: ActionsRegistryService;
  access: FleetAccess;
  clusters: Metal3ClusterService;
  hostIndex: HostIndex;
  ownerOf: OwnerResolver;
}) {
  const { actionsRegistry, access, clusters, hostIndex, ownerOf } = options;

  actionsRegistry.register({
    name: 'list-baremetal-hosts',
    title: 'List bare-metal hosts',
    description:
      'Lists bare-metal hosts of the Metal3 fleet with their readable status, power, pool and errors. The query uses the fleet search syntax: free text, -negation, status:error, pool:<name>, cluster:<name>, is:attention.',
    // Listing the actions is a basic permission; each call checks the
    // caller's conditional access to the hosts and pools themselves.
    visibilityPermission: metal3ClusterReadPermission,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          query: z
            .string()
            .optional()
            .describe('Fleet search, e.g. "status:error" or "dell -gpu"'),
          limit: z
            .number()
            .int()
            .min(1)
            .max(200)
            .optional()
            .describe('At most this many hosts (default 50)'),
        }),
      output: z =>
        z.object({
          total: z.number(),
          hosts: z.array(z.object({}).passthrough()),
          statusCounts: z.record(z.number()),
        }),
    },
    action: async ({ input, credentials }) => {
      const visible = await access.hostFilter(
        credentials,
        metal3HostReadPermission,
      );
      const result = runHostQuery(
        [...hostIndex.all()].filter(r => visible(r.summary)),
        parseHostQuery({ q: input.query, limit: String(input.limit ?? 50) }),
        new Date(),
      );
      return {
        output: {
          total: result.total,
          hosts: result.items.map(brief),
          statusCounts: result.facets.status,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'describe-baremetal-host',
    title: 'Describe a bare-metal host',
    description:
      'Describes one bare-metal host: status with the suggested fix of its error, power, hardware summary, pool, machine and node.',
    // Listing the actions is a basic permission; each call checks the
    // caller's conditional access to the hosts and pools themselves.
    visibilityPermission: metal3ClusterReadPermission,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          cluster: z.string(),
          namespace: z.string(),
          name: z.string(),
        }),
      output: z => z.object({ host: z.object({}).passthrough() }),
    },
    action: async ({ input, credentials }) => {
      const row = hostIndex.get(input.cluster, input.namespace, input.name);
      if (!row) {
        throw new NotFoundError(
          `No BareMetalHost ${input.namespace}/${input.name} in cluster ${input.cluster}`,
        );
      }
      await access.requireHost(
        credentials,
        metal3HostReadPermission,
        row.summary,
      );
      return {
        output: {
          host: {
            ...brief(row.summary),
            hardware: row.summary.hardware ?? null,
          },
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-worker-pool-capacity',
    title: 'Worker pool capacity',
    description:
      'Tells how many replicas a worker pool (MachineDeployment) wants and has, and how many free hosts match its host selector, i.e. how far it can scale up.',
    visibilityPermission: metal3ClusterReadPermission,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          cluster: z.string(),
          namespace: z.string(),
          name: z.string(),
        }),
      output: z =>
        z.object({
          desiredReplicas: z.number(),
          availableReplicas: z.number(),
          freeMatchingHosts: z.number(),
          health: z.string(),
          problems: z.array(z.string()),
        }),
    },
    action: async ({ input, credentials }) => {
      const cache = clusters.getCluster(input.cluster);
      const pool = cache.get(
        'machinedeployments',
        `${input.namespace}/${input.name}`,
      );
      if (!pool) {
        throw new NotFoundError(
          `No MachineDeployment ${input.namespace}/${input.name} in cluster ${input.cluster}`,
        );
      }
      const summary = buildPoolSummary(cache, input.cluster, pool, ownerOf);
      await access.requirePool(credentials, metal3PoolReadPermission, summary);
      return {
        output: {
          desiredReplicas: summary.desiredReplicas,
          availableReplicas: summary.availableReplicas,
          freeMatchingHosts: summary.freeMatchingHosts,
          health: summary.health.label,
          problems: summary.health.problems,
        },
      };
    },
  });
}
