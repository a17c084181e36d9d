import { RESOURCE_TYPES, ResourceName, ResourceType } from './resourceTypes';

/** What to watch in a cluster, decided from the versions it serves. */
export interface DiscoveryPlan {
  /** The resources to watch, each in the version to use. */
  watch: { name: ResourceName; version: string }[];
  /** Resources the cluster does not serve in any version we read (CRD not installed). */
  unavailable: ResourceName[];
  /** Optional resources (the checks' own) the cluster does not serve: not a cluster problem. */
  unservedOptional: ResourceName[];
  /** The Cluster API version in use, if the cluster serves it. */
  capiVersion?: string;
}

/** The API groups discovery must ask about ('' = core, always served). */
export function groupsToDiscover(): string[] {
  return [
    ...new Set(Object.values(RESOURCE_TYPES).map(type => type.group)),
  ].filter(group => group !== '');
}

/**
 * Picks, for every resource, the first preferred version the cluster serves.
 * Pure, and only called with the answers of every group: informers start
 * from a complete plan, so a discovery that fails half-way starts nothing.
 */
export function planInformers(
  served: ReadonlyMap<string, readonly string[]>,
): DiscoveryPlan {
  const plan: DiscoveryPlan = {
    watch: [],
    unavailable: [],
    unservedOptional: [],
  };
  for (const [name, type] of Object.entries(RESOURCE_TYPES) as [
    ResourceName,
    ResourceType<unknown>,
  ][]) {
    const versions = type.group === '' ? ['v1'] : served.get(type.group) ?? [];
    const version = type.versions.find(v => versions.includes(v));
    if (!version) {
      (type.optional ? plan.unservedOptional : plan.unavailable).push(name);
      continue;
    }
    if (type.group === 'cluster.x-k8s.io') plan.capiVersion = version;
    plan.watch.push({ name, version });
  }
  return plan;
}

/** The CRD name of a resource, as `kubectl get crd` lists it: `baremetalhosts.metal3.io`. */
export function crdName(name: ResourceName): string {
  const type: ResourceType<unknown> = RESOURCE_TYPES[name];
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}
