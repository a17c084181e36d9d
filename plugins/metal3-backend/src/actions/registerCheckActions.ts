import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import {
  CheckFinding,
  metal3ClusterReadPermission,
  metal3HostReadPermission,
  metal3PoolReadPermission,
  OwnerResolver,
} from '@metal3-fleet/plugin-metal3-common';
import type {
  ChecksService,
  Metal3ClusterService,
} from '@metal3-fleet/plugin-metal3-node';
import { HostIndex } from '../fleet/HostIndex';
import { FleetAccess } from '../service/FleetAccess';
import { poolWithSummary } from '../service/routes/RouteContext';

/** What an agent needs of a finding: the verdict, the reason and the fix. */
function brief(f: CheckFinding) {
  return {
    check: f.check,
    subject: `${f.subject.kind} ${[f.subject.namespace, f.subject.name]
      .filter(Boolean)
      .join('/')}`,
    ...(f.item && { item: f.item }),
    outcome: f.outcome,
    ...(f.outcome === 'problem' && { severity: f.severity }),
    title: f.title,
    ...(f.outcome === 'problem' && {
      fix: f.fix.text,
      ...(f.fix.template && { template: f.fix.template }),
      ...(f.fix.commands && { commands: f.fix.commands }),
    }),
    ...(f.outcome === 'unknown' && { missing: f.missing }),
  };
}

/**
 * Read-only MCP actions over the runbook checks: the same findings as the
 * REST API, under the same read permissions (checked per call with the
 * caller's credentials).
 */
export function registerCheckActions(options: {
  actionsRegistry: ActionsRegistryService;
  access: FleetAccess;
  clusters: Metal3ClusterService;
  hostIndex: HostIndex;
  ownerOf: OwnerResolver;
  checks: ChecksService;
}) {
  const { actionsRegistry, access, clusters, hostIndex, checks } = options;
  const onlyProblems = (findings: CheckFinding[], all?: boolean) =>
    (all ? findings : findings.filter(f => f.outcome !== 'ok')).map(brief);

  actionsRegistry.register({
    name: 'get-cluster-runbook-findings',
    title: 'Metal3 stack health of a cluster',
    description:
      "Runs the Kube-DC runbook's cluster checks: CRDs served, Metal3 controllers ready (with versions), Kube-OVN ProviderNetwork coverage. Each problem comes with its fix; unknowns say what is missing.",
    visibilityPermission: metal3ClusterReadPermission,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          cluster: z.string(),
          includeOk: z
            .boolean()
            .optional()
            .describe('Also list passing checks'),
        }),
      output: z =>
        z.object({
          stack: z.object({
            unhealthy: z.boolean(),
            problems: z.number(),
            unknown: z.number(),
            firstProblem: z.string().optional(),
            fix: z.string().optional(),
          }),
          summary: z.object({
            ok: z.number(),
            problem: z.number(),
            unknown: z.number(),
            worst: z.string().optional(),
          }),
          findings: z.array(z.object({}).passthrough()),
        }),
    },
    action: async ({ input, credentials }) => {
      await access.require(credentials, metal3ClusterReadPermission);
      if (!clusters.listClusters().some(c => c.name === input.cluster)) {
        throw new NotFoundError(
          `No cluster ${input.cluster} in metal3.clusters`,
        );
      }
      const page = await checks.clusterFindings(input.cluster);
      return {
        output: {
          stack: {
            unhealthy: page.stack.unhealthy,
            problems: page.stack.problems,
            unknown: page.stack.unknown,
            ...(page.stack.first && {
              firstProblem: page.stack.first.title,
              fix: page.stack.first.fix.text,
            }),
          },
          summary: page.summary,
          findings: onlyProblems(page.findings, input.includeOk),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-pool-runbook-findings',
    title: 'Runbook checks of a worker pool',
    description:
      'Runs the runbook checks of a worker pool (MachineDeployment): health check present and able to remediate at its size, remediation counts, node reuse, its image, and the problems of its hosts (node labels, trunk NIC, joins).',
    visibilityPermission: metal3ClusterReadPermission,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          cluster: z.string(),
          namespace: z.string(),
          name: z.string(),
          includeOk: z.boolean().optional(),
        }),
      output: z =>
        z.object({
          summary: z.object({
            ok: z.number(),
            problem: z.number(),
            unknown: z.number(),
            worst: z.string().optional(),
          }),
          findings: z.array(z.object({}).passthrough()),
        }),
    },
    action: async ({ input, credentials }) => {
      const { cluster, namespace, name } = input;
      const { summary } = poolWithSummary(
        { clusters, ownerOf: options.ownerOf },
        { cluster, namespace, name },
      );
      await access.requirePool(credentials, metal3PoolReadPermission, summary);
      const page = await checks.poolFindings(cluster, { namespace, name });
      return {
        output: {
          summary: page.summary,
          findings: onlyProblems(page.findings, input.includeOk),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-host-runbook-findings',
    title: 'Runbook checks of a bare-metal host',
    description:
      "Runs the runbook checks of one host, reading its BMC and catalog entity live: node labels, trunk NIC in the ProviderNetwork, remediation, root device hints, cleaning, BMC TLS, Redfish over IPMI, BMC Secret age, BMC/inventory and catalog drift, whether its Machine's node joined.",
    visibilityPermission: metal3ClusterReadPermission,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          cluster: z.string(),
          namespace: z.string(),
          name: z.string(),
          includeOk: z.boolean().optional(),
        }),
      output: z =>
        z.object({
          summary: z.object({
            ok: z.number(),
            problem: z.number(),
            unknown: z.number(),
            worst: z.string().optional(),
          }),
          findings: z.array(z.object({}).passthrough()),
        }),
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
      const page = await checks.hostFindings(input.cluster, {
        namespace: input.namespace,
        name: input.name,
      });
      return {
        output: {
          summary: page.summary,
          findings: onlyProblems(page.findings, input.includeOk),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'list-cluster-images',
    title: 'OS images in use in a cluster',
    description:
      'Lists every OS image in use (pool templates, provisioned hosts): URL, checksum and format, who uses it, whether the name is versioned, whether the URL and checksum URL answer, and its problems.',
    visibilityPermission: metal3ClusterReadPermission,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({ cluster: z.string() }),
      output: z => z.object({ images: z.array(z.object({}).passthrough()) }),
    },
    action: async ({ input, credentials }) => {
      await access.require(credentials, metal3ClusterReadPermission);
      if (!clusters.listClusters().some(c => c.name === input.cluster)) {
        throw new NotFoundError(
          `No cluster ${input.cluster} in metal3.clusters`,
        );
      }
      const { items } = await checks.images(input.cluster);
      return {
        output: {
          images: items.map(image => ({
            url: image.url,
            versioned: image.versioned ?? null,
            urlProbe: image.urlProbe ?? null,
            variants: image.variants.map(v => ({
              checksum: v.checksum ?? null,
              checksumType: v.checksumType ?? null,
              format: v.format ?? null,
              checksumProbe: v.checksumProbe ?? null,
            })),
            pools: image.pools.map(p => `${p.namespace}/${p.name}`),
            hosts: image.hosts.length,
            problems: onlyProblems(image.findings),
          })),
        },
      };
    },
  });
}
