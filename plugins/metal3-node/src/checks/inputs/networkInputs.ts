import type {
  Available,
  ClusterNodeFacts,
  InspectedNic,
  NetworkInput,
  ProviderNetworkFacts,
  WorkerNetworkFacts,
} from '@metal3-fleet/plugin-metal3-common';
import type {
  HostNicFacts,
  NodeProjection,
  ProviderNetworkProjection,
} from '../../cluster/projections';
import type { TrunkNicSetting } from '../settings';
import { LinkedHost } from './hostLinks';

/** A ProviderNetwork as the network checks read it. */
export function providerNetworkFacts(
  pn: ProviderNetworkProjection,
): ProviderNetworkFacts {
  return {
    name: pn.name,
    defaultInterface: pn.defaultInterface ?? '',
    customInterfaces: pn.customInterfaces,
    excludeNodes: pn.excludeNodes,
    ...(pn.nodeSelector && { nodeSelector: pn.nodeSelector }),
    ...(pn.status && { status: pn.status }),
  };
}

/**
 * The cached NICs in the shape of `status.hardware.nics`: the checks only
 * ask whether a NIC has an address, so an addressed NIC carries a marker
 * instead of its addresses (which the cache does not keep).
 */
export function inspectedNics(nics: readonly HostNicFacts[]): InspectedNic[] {
  return nics.map(nic => ({
    ...(nic.name && { name: nic.name }),
    ...(nic.mac && { mac: nic.mac }),
    ...(nic.addressed && { ip: '(address)' }),
    ...(nic.speedGbps !== undefined && { speedGbps: nic.speedGbps }),
  }));
}

/** The trunk NIC configured for a pool (metal3.checks.trunkNics), if any. */
export function trunkNicOf(
  settings: readonly TrunkNicSetting[],
  cluster: string,
  pool: { namespace: string; name: string } | undefined,
): string | undefined {
  if (!pool) return undefined;
  return settings.find(
    s =>
      (s.cluster === undefined || s.cluster === cluster) &&
      s.namespace === pool.namespace &&
      s.pool === pool.name,
  )?.nic;
}

/** A pool member as the trunk NIC check reads it. */
export function workerNetworkFacts(
  worker: LinkedHost,
  trunkNicName: string | undefined,
): WorkerNetworkFacts {
  const { host, ref, pool, links } = worker;
  return {
    host: ref,
    ...(pool && { pool }),
    ...(links.machine?.nodeName && { nodeName: links.machine.nodeName }),
    ...(host.bootMACAddress && { bootMACAddress: host.bootMACAddress }),
    nics: host.nics
      ? inspectedNics(host.nics)
      : { unavailable: `${ref.name} has not been inspected yet` },
    ...(trunkNicName && { trunkNicName }),
  };
}

/** The network checks' input: ProviderNetworks, every Node, every pool member (see {@link workerNetworkFacts}). */
export function networkInput(options: {
  cluster: string;
  providerNetworks: Available<ProviderNetworkProjection[]>;
  nodes: Available<NodeProjection[]>;
  workers: WorkerNetworkFacts[];
  expectedVlans: Record<string, string[]>;
}): NetworkInput {
  const { providerNetworks, nodes } = options;
  return {
    cluster: options.cluster,
    providerNetworks: Array.isArray(providerNetworks)
      ? providerNetworks.map(providerNetworkFacts)
      : providerNetworks,
    nodes: Array.isArray(nodes)
      ? nodes.map((n): ClusterNodeFacts => ({ name: n.name, labels: n.labels }))
      : nodes,
    workers: options.workers,
    expectedVlans: options.expectedVlans,
  };
}
