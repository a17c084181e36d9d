import type {
  Available,
  BmcReport,
  CheckValue,
  DriftInput,
  HostPracticesInput,
  ImagesInput,
  NetworkInput,
  NodeReuseInput,
  NodeRolesInput,
  RedfishProbe,
  RemediationInput,
  RemediationRecord,
  ServedKind,
  StackInput,
  UrlProbe,
  WorkerJoinInput,
} from '@metal3-fleet/plugin-metal3-common';
import type { ClusterCache } from '../cluster/ClusterCache';
import type { ProjectionOf, ResourceName } from '../cluster/resourceTypes';
import {
  CredentialsFacts,
  hostPracticeFacts,
  hostsByMachine,
  imagesInput,
  inventoryFacts,
  keyOf,
  LinkedHost,
  linkHosts,
  machineJoinFacts,
  metal3Pools,
  networkInput,
  poolUpgradeFacts,
  remediationInput,
  stackInput,
  workerNodeFacts,
} from './inputs';
import type { ChecksSettings } from './settings';

/** Every input of every check of one cluster. */
export interface ClusterCheckInputs {
  stack: StackInput;
  images: ImagesInput;
  network: NetworkInput;
  nodeRoles: NodeRolesInput;
  remediation: RemediationInput;
  practices: HostPracticesInput;
  drift: DriftInput;
  nodeReuse: NodeReuseInput;
  workerJoin: WorkerJoinInput;
}

/**
 * What live reads found, as the checks service remembers it (keys:
 * `namespace/name` of the host; image probes by URL as written).
 */
export interface LiveFacts {
  servedKinds: Available<ServedKind[]>;
  probes: Record<string, UrlProbe>;
  bmc: ReadonlyMap<string, Available<BmcReport>>;
  credentials: ReadonlyMap<string, Available<CredentialsFacts>>;
  redfish: ReadonlyMap<string, Available<RedfishProbe>>;
  /** Catalog entity facts by host, with the cluster's side of the same facts. */
  entities: ReadonlyMap<
    string,
    {
      entity: Available<Record<string, CheckValue>>;
      cluster: Record<string, CheckValue>;
    }
  >;
  pastRemediations: readonly RemediationRecord[];
}

/** The read-only part of a cluster cache the assembly uses (a fake in tests). */
export type CheckSource = Pick<
  ClusterCache,
  'get' | 'list' | 'availability' | 'namespaceFailures'
>;

/** The cached objects of a resource, or why they cannot be had. */
export function listAvailable<R extends ResourceName>(
  cache: CheckSource,
  resource: R,
): Available<ProjectionOf<R>[]> {
  const availability = cache.availability(resource);
  if (!availability.available) return { unavailable: availability.reason };
  return cache.list(resource);
}

/**
 * The inputs of every check of one cluster, from its cache and what live
 * reads found: pure, so the same cache and facts give the same inputs.
 * Hosts that serve a pool are its workers; every host gets the practice
 * and drift checks.
 */
export function assembleClusterInputs(options: {
  cluster: string;
  cache: CheckSource;
  settings: ChecksSettings;
  live: LiveFacts;
  now: string;
  /** Hosts already linked (the service links once per evaluation). */
  hosts?: LinkedHost[];
}): ClusterCheckInputs {
  const { cluster, cache, settings, live, now } = options;
  const hosts = options.hosts ?? linkHosts(cache);
  const workers = hosts.filter(h => h.pool);
  const byMachine = hostsByMachine(hosts);
  const nodes = listAvailable(cache, 'nodes');
  return {
    stack: stackInput({
      cluster,
      servedKinds: live.servedKinds,
      deployments: listAvailable(cache, 'deployments'),
      unreadNamespaces: cache.namespaceFailures('deployments'),
      controllers: settings.controllers,
    }),
    images: imagesInput({ cluster, cache, hosts, probes: live.probes }),
    network: networkInput({
      cluster,
      providerNetworks: listAvailable(cache, 'provider-networks'),
      nodes: nodes,
      workers,
      trunkNics: settings.trunkNics,
      expectedVlans: settings.expectedVlans,
    }),
    nodeRoles: {
      cluster,
      workers: workers.map(w => workerNodeFacts(w, nodes)),
      rules: settings.workerLabelRules,
    },
    remediation: remediationInput({
      cluster,
      cache,
      healthChecks: listAvailable(cache, 'machinehealthchecks'),
      remediations: listAvailable(cache, 'metal3remediations'),
      workers,
      hostsByMachine: byMachine,
      past: live.pastRemediations,
      now,
    }),
    practices: {
      cluster,
      now,
      credentialsMaxAgeDays: settings.credentialsMaxAgeDays,
      hosts: hosts.map(h =>
        hostPracticeFacts(cache, h, {
          credentials: live.credentials.get(keyOf(h.ref)),
          redfish: live.redfish.get(keyOf(h.ref)),
        }),
      ),
    },
    drift: {
      cluster,
      inventory: hosts.map(h => ({
        host: h.ref,
        ...(h.pool && { pool: h.pool }),
        inventory: inventoryFacts(h.host),
        bmc: live.bmc.get(keyOf(h.ref)) ?? {
          unavailable: settings.driftIntervalMinutes
            ? `not read yet (the BMCs are read every ${settings.driftIntervalMinutes} minutes, and when the host's findings are asked for)`
            : "not read yet (read when the host's findings are asked for; metal3.checks.drift.intervalMinutes is 0)",
        },
      })),
      entities: hosts.flatMap(h => {
        const facts = live.entities.get(keyOf(h.ref));
        return facts
          ? [{ host: h.ref, ...(h.pool && { pool: h.pool }), ...facts }]
          : [];
      }),
    },
    nodeReuse: {
      cluster,
      pools: metal3Pools(cache).map(pool => poolUpgradeFacts(cache, pool)),
      expectNodeReuse: settings.expectNodeReuse,
    },
    workerJoin: {
      cluster,
      machines: machineJoinFacts(cache, byMachine),
      now,
      joinTimeoutMinutes: settings.joinTimeoutMinutes,
    },
  };
}
