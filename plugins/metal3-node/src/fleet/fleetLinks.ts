import { matchesLabelSelector } from '@metal3-fleet/plugin-metal3-common';
import type { ClusterCache } from '../cluster/ClusterCache';
import type {
  BareMetalHostProjection,
  MachineDeploymentProjection,
  MachineProjection,
  Metal3MachineProjection,
  Metal3MachineTemplateProjection,
  NodeProjection,
} from '../cluster/projections';

/** What a host is linked to through Cluster API (all optional: a free host has none). */
export interface HostLinks {
  metal3Machine?: Metal3MachineProjection;
  machine?: MachineProjection;
  pool?: MachineDeploymentProjection;
  node?: NodeProjection;
}

/**
 * The only read-only view the lookups need; `ClusterCache` satisfies it, and
 * tests can pass a map-backed fake.
 */
export type FleetLookup = Pick<ClusterCache, 'get' | 'list'>;

const key = (namespace: string | undefined, name: string) =>
  namespace ? `${namespace}/${name}` : name;

/**
 * Follows BareMetalHost.consumerRef → Metal3Machine → owner Machine →
 * MachineDeployment (label cluster.x-k8s.io/deployment-name) and the
 * Machine's nodeRef. See ../shared/notes/metal3.md §9.
 */
export function linkHost(
  cache: FleetLookup,
  host: BareMetalHostProjection,
): HostLinks {
  const ref = host.consumerRef;
  if (!ref || ref.kind !== 'Metal3Machine') return {};
  const namespace = ref.namespace ?? host.namespace;
  const metal3Machine = cache.get('metal3machines', key(namespace, ref.name));
  const machineName = metal3Machine?.ownerMachine;
  const machine = machineName
    ? cache.get('machines', key(namespace, machineName))
    : undefined;
  const pool = machine?.deploymentName
    ? cache.get('machinedeployments', key(namespace, machine.deploymentName))
    : undefined;
  const node = machine?.nodeName
    ? cache.get('nodes', machine.nodeName)
    : undefined;
  return { metal3Machine, machine, pool, node };
}

/** The Metal3MachineTemplate a pool's machines are created from. */
export function poolTemplate(
  cache: FleetLookup,
  pool: MachineDeploymentProjection,
): Metal3MachineTemplateProjection | undefined {
  const ref = pool.infrastructureRef;
  if (!ref || ref.kind !== 'Metal3MachineTemplate') return undefined;
  return cache.get(
    'metal3machinetemplates',
    key(ref.namespace ?? pool.namespace, ref.name),
  );
}

/**
 * Whether CAPM3 could claim this host for a new machine: `available` (or its
 * legacy name `ready`), not consumed, not paused, detached, unhealthy or in
 * error — the filters of CAPM3's chooseHost.
 */
export function isClaimable(host: BareMetalHostProjection): boolean {
  const state = host.provisioningState;
  return (
    (state === 'available' || state === 'ready') &&
    !host.consumerRef &&
    !host.errorType &&
    host.operationalStatus !== 'error' &&
    !('baremetalhost.metal3.io/paused' in host.annotations) &&
    !('baremetalhost.metal3.io/detached' in host.annotations) &&
    !('capm3.metal3.io/unhealthy' in host.annotations) &&
    !('capi.metal3.io/unhealthy' in host.annotations)
  );
}

/** Hosts a scale-up of this pool could claim right now (same namespace, selector matches). */
export function freeMatchingHosts(
  cache: FleetLookup,
  pool: MachineDeploymentProjection,
): BareMetalHostProjection[] {
  const template = poolTemplate(cache, pool);
  if (!template) return [];
  return cache
    .list('baremetalhosts')
    .filter(
      host =>
        host.namespace === pool.namespace &&
        isClaimable(host) &&
        matchesLabelSelector(host.labels, template.hostSelector),
    );
}
