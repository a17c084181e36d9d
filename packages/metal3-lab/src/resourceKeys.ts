import { ResourceKey } from './types';

const capi = (resource: string) => ({ group: 'cluster.x-k8s.io', resource });
const infra = (resource: string) => ({
  group: 'infrastructure.cluster.x-k8s.io',
  resource,
});
const ipam = (resource: string) => ({ group: 'ipam.metal3.io', resource });

/** The resource types the lab's seed, controllers and tests read and write. */
export const R = {
  namespace: { group: '', resource: 'namespaces' },
  secret: { group: '', resource: 'secrets' },
  node: { group: '', resource: 'nodes' },
  event: { group: '', resource: 'events' },
  bmh: { group: 'metal3.io', resource: 'baremetalhosts' },
  cluster: capi('clusters'),
  clusterClass: capi('clusterclasses'),
  md: capi('machinedeployments'),
  ms: capi('machinesets'),
  machine: capi('machines'),
  mhc: capi('machinehealthchecks'),
  m3c: infra('metal3clusters'),
  m3ct: infra('metal3clustertemplates'),
  m3m: infra('metal3machines'),
  m3mt: infra('metal3machinetemplates'),
  m3dt: infra('metal3datatemplates'),
  m3dataClaim: infra('metal3dataclaims'),
  m3data: infra('metal3datas'),
  m3r: infra('metal3remediations'),
  m3rt: infra('metal3remediationtemplates'),
  ipPool: ipam('ippools'),
  ipClaim: ipam('ipclaims'),
  ipAddress: ipam('ipaddresses'),
  providerNetwork: { group: 'kubeovn.io', resource: 'provider-networks' },
} satisfies Record<string, ResourceKey>;
