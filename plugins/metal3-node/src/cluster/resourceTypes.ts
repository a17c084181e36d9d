import {
  BareMetalHostProjection,
  DeploymentProjection,
  ProviderNetworkProjection,
  projectDeployment,
  projectProviderNetwork,
  IPPoolProjection,
  MachineDeploymentProjection,
  MachineHealthCheckProjection,
  MachineProjection,
  MachineSetProjection,
  Metal3MachineProjection,
  Metal3MachineTemplateProjection,
  Metal3RemediationProjection,
  NodeProjection,
  projectBareMetalHost,
  projectIPPool,
  projectMachine,
  projectMachineDeployment,
  projectMachineHealthCheck,
  projectMachineSet,
  projectMetal3Machine,
  projectMetal3MachineTemplate,
  projectMetal3Remediation,
  projectNode,
} from './projections';

/** A resource the cluster service lists and watches. */
export interface ResourceType<P> {
  /** Plural resource name; also the key of the cache. */
  plural: string;
  kind: string;
  /** API group, '' for core. */
  group: string;
  /** Versions in order of preference; the first one the cluster serves is used. */
  versions: string[];
  project(raw: any): P;
  /**
   * Read only for the runbook checks: a cluster that does not serve it, or
   * does not let the portal list it, is still healthy; the checks that need
   * it say why they cannot run (`ClusterCache.availability`).
   */
  optional?: boolean;
  /**
   * Watched in the namespaces the configuration names for it (one watch per
   * namespace, `ClusterCache` option `namespaces`), never cluster-wide: the
   * portal needs a handful of objects there, and RBAC can grant exactly those
   * namespaces.
   */
  perNamespace?: boolean;
}

const CAPI = ['v1beta2', 'v1beta1'];

/** Everything the fleet features read, with the projection that slims it. */
export const RESOURCE_TYPES = {
  baremetalhosts: {
    plural: 'baremetalhosts',
    kind: 'BareMetalHost',
    group: 'metal3.io',
    versions: ['v1alpha1'],
    project: projectBareMetalHost,
  } as ResourceType<BareMetalHostProjection>,
  machinedeployments: {
    plural: 'machinedeployments',
    kind: 'MachineDeployment',
    group: 'cluster.x-k8s.io',
    versions: CAPI,
    project: projectMachineDeployment,
  } as ResourceType<MachineDeploymentProjection>,
  machinesets: {
    plural: 'machinesets',
    kind: 'MachineSet',
    group: 'cluster.x-k8s.io',
    versions: CAPI,
    project: projectMachineSet,
  } as ResourceType<MachineSetProjection>,
  machines: {
    plural: 'machines',
    kind: 'Machine',
    group: 'cluster.x-k8s.io',
    versions: CAPI,
    project: projectMachine,
  } as ResourceType<MachineProjection>,
  machinehealthchecks: {
    plural: 'machinehealthchecks',
    kind: 'MachineHealthCheck',
    group: 'cluster.x-k8s.io',
    versions: CAPI,
    project: projectMachineHealthCheck,
  } as ResourceType<MachineHealthCheckProjection>,
  metal3machines: {
    plural: 'metal3machines',
    kind: 'Metal3Machine',
    group: 'infrastructure.cluster.x-k8s.io',
    versions: CAPI,
    project: projectMetal3Machine,
  } as ResourceType<Metal3MachineProjection>,
  metal3machinetemplates: {
    plural: 'metal3machinetemplates',
    kind: 'Metal3MachineTemplate',
    group: 'infrastructure.cluster.x-k8s.io',
    versions: CAPI,
    project: projectMetal3MachineTemplate,
  } as ResourceType<Metal3MachineTemplateProjection>,
  metal3remediations: {
    plural: 'metal3remediations',
    kind: 'Metal3Remediation',
    group: 'infrastructure.cluster.x-k8s.io',
    versions: CAPI,
    project: projectMetal3Remediation,
  } as ResourceType<Metal3RemediationProjection>,
  ippools: {
    plural: 'ippools',
    kind: 'IPPool',
    group: 'ipam.metal3.io',
    versions: ['v1alpha1'],
    project: projectIPPool,
  } as ResourceType<IPPoolProjection>,
  nodes: {
    plural: 'nodes',
    kind: 'Node',
    group: '',
    versions: ['v1'],
    project: projectNode,
  } as ResourceType<NodeProjection>,
  // The Deployments of the Metal3 controllers, for the stack check: only in
  // the namespaces of metal3.checks.controllers (a handful of objects, and a
  // Role per namespace instead of a cluster-wide read of every Deployment).
  deployments: {
    plural: 'deployments',
    kind: 'Deployment',
    group: 'apps',
    versions: ['v1'],
    project: projectDeployment,
    optional: true,
    perNamespace: true,
  } as ResourceType<DeploymentProjection>,
  // Kube-OVN's ProviderNetworks, for the network checks (a few per cluster).
  'provider-networks': {
    plural: 'provider-networks',
    kind: 'ProviderNetwork',
    group: 'kubeovn.io',
    versions: ['v1'],
    project: projectProviderNetwork,
    optional: true,
  } as ResourceType<ProviderNetworkProjection>,
};

export type ResourceName = keyof typeof RESOURCE_TYPES;

/** The projection type of a resource name. */
export type ProjectionOf<R extends ResourceName> = ReturnType<
  (typeof RESOURCE_TYPES)[R]['project']
>;

/** The collection path of a resource in a version: cluster-wide, or in one namespace. */
export function collectionPath(
  type: ResourceType<unknown>,
  version: string,
  namespace?: string,
): string {
  const base =
    type.group === '' ? `/api/${version}` : `/apis/${type.group}/${version}`;
  const scope = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${scope}/${type.plural}`;
}
