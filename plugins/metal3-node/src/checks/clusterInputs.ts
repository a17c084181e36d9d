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
  trunkNicOf,
  workerNetworkFacts,
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

/** The facts of one host that every per-host check family reads. */
interface HostFacts {
  practice: HostPracticesInput['hosts'][number];
  inventory: NonNullable<DriftInput['inventory']>[number];
  entity?: NonNullable<DriftInput['entities']>[number];
  /** Pool members only. */
  node?: NodeRolesInput['workers'][number];
  network?: NetworkInput['workers'][number];
}

interface AssembleOptions {
  cluster: string;
  cache: CheckSource;
  settings: ChecksSettings;
  live: LiveFacts;
  now: string;
  /** Hosts already linked (the service links once per evaluation). */
  hosts?: LinkedHost[];
}

/** Hosts whose facts are mapped between two yields to the event loop. */
const CHUNK = 500;

/**
 * The inputs of every check of one cluster, from its cache and what live
 * reads found: the same cache and facts give the same inputs. Hosts that
 * serve a pool are its workers; every host gets the practice and drift
 * checks. The per-host facts are mapped in chunks with a yield to the event
 * loop in between (reading 10,000 BMC addresses alone takes ~70 ms).
 */
export async function assembleClusterInputs(
  options: AssembleOptions,
): Promise<ClusterCheckInputs> {
  const { cluster, cache, settings, live, now } = options;
  const hosts = options.hosts ?? linkHosts(cache);
  const nodes = listAvailable(cache, 'nodes');
  const facts: HostFacts[] = [];
  for (let i = 0; i < hosts.length; i += CHUNK) {
    for (const h of hosts.slice(i, i + CHUNK)) {
      facts.push(hostFacts(options, h, nodes));
    }
    if (hosts.length > CHUNK) {
      await new Promise(resolve => setImmediate(resolve));
    }
  }
  const workers = hosts.filter(h => h.pool);
  const byMachine = hostsByMachine(hosts);
  const pick = <K extends keyof HostFacts>(key: K) =>
    facts.flatMap(f => (f[key] ? [f[key]!] : []));
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
      nodes,
      workers: pick('network'),
      expectedVlans: settings.expectedVlans,
    }),
    nodeRoles: {
      cluster,
      workers: pick('node'),
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
      hosts: pick('practice'),
    },
    drift: {
      cluster,
      inventory: pick('inventory'),
      entities: pick('entity'),
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

function hostFacts(
  options: AssembleOptions,
  h: LinkedHost,
  nodes: Available<unknown>,
): HostFacts {
  const { cluster, cache, settings, live } = options;
  const key = keyOf(h.ref);
  const entity = live.entities.get(key);
  return {
    practice: hostPracticeFacts(cache, h, {
      credentials: live.credentials.get(key),
      redfish: live.redfish.get(key),
    }),
    inventory: {
      host: h.ref,
      ...(h.pool && { pool: h.pool }),
      inventory: inventoryFacts(h.host),
      bmc: live.bmc.get(key) ?? {
        unavailable: settings.driftIntervalMinutes
          ? `not read yet (the BMCs are read every ${settings.driftIntervalMinutes} minutes, and when the host's findings are asked for)`
          : "not read yet (read when the host's findings are asked for; metal3.checks.drift.intervalMinutes is 0)",
      },
    },
    ...(entity && {
      entity: { host: h.ref, ...(h.pool && { pool: h.pool }), ...entity },
    }),
    ...(h.pool && {
      node: workerNodeFacts(h, nodes),
      network: workerNetworkFacts(
        h,
        trunkNicOf(settings.trunkNics, cluster, h.pool),
      ),
    }),
  };
}
