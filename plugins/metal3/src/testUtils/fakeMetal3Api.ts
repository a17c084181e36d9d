import {
  describeHost,
  describePool,
  HostSummaryDto,
} from '@metal3-fleet/plugin-metal3-common';
import { HostDetailDto, Metal3Api, PoolDetailDto } from '../api';
import { connectedCluster, hostPage, pooledHost } from './fixtures';

/** worker-0 of pool kube-dc-workers in cluster kube-dc-mgmt, as the host page reads it. */
const hostDetail: HostDetailDto = {
  ...pooledHost('worker-0'),
  status: describeHost({
    provisioningState: 'provisioned',
    poweredOn: true,
    online: true,
  }),
  operationHistory: {},
  annotations: {},
};

/** The pool worker-0 belongs to, as the pool page reads it. */
const poolDetail: PoolDetailDto = {
  cluster: 'kube-dc-mgmt',
  namespace: 'metal3',
  name: 'kube-dc-workers',
  entityRef: 'resource:default/kube-dc-mgmt.metal3.kube-dc-workers',
  desiredReplicas: 1,
  replicas: 1,
  readyReplicas: 1,
  availableReplicas: 1,
  upToDateReplicas: 1,
  health: describePool({
    desired: 1,
    current: 1,
    available: 1,
    freeMatchingHosts: 0,
  }),
  version: 'v1.33.0',
  template: {
    name: 'workers-v1',
    imageUrl: 'http://images/ubuntu.qcow2',
    hostSelector: 'pool=workers',
  },
  freeMatchingHosts: 0,
  owner: 'group:default/metal3-admins',
  members: [pooledHost('worker-0') as HostSummaryDto],
  healthChecks: [],
  remediations: [],
};

/**
 * A backend of one cluster, one pool and one host, for tests of the pages
 * and cards as a whole (mounting, links) rather than of one component.
 */
export const fakeMetal3Api: Partial<Metal3Api> = {
  listClusters: async () => [connectedCluster],
  listHosts: async () => hostPage([pooledHost('worker-0')]),
  getHost: async () => hostDetail,
  listPools: async () => [poolDetail],
  getPool: async () => poolDetail,
  getHostBmc: async () => ({
    protocol: 'redfish',
    readAt: new Date().toISOString(),
    system: { manufacturer: 'Dell Inc.', model: 'PowerEdge R650' },
    errors: [],
  }),
  // The runbook cards of the pages: nothing evaluated wrong.
  getPoolFindings: async ({ cluster, namespace, name }) => ({
    subject: { kind: 'pool', cluster, namespace, name },
    evaluatedAt: new Date().toISOString(),
    findings: [],
    summary: { ok: 0, problem: 0, unknown: 0 },
  }),
  getHostFindings: async ({ cluster, namespace, name }) => ({
    subject: { kind: 'host', cluster, namespace, name },
    evaluatedAt: new Date().toISOString(),
    findings: [],
    summary: { ok: 0, problem: 0, unknown: 0 },
    remediations: [],
  }),
};

/** A catalog entity the catalog module makes for a host, pool or cluster. */
export const metal3Entity = (type: string, name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: `kube-dc-mgmt.metal3.${name}`,
    annotations: {
      'backstage.io/kubernetes-cluster': 'kube-dc-mgmt',
      'backstage.io/kubernetes-namespace': 'metal3',
      'metal3.backstage.io/name': name,
    },
  },
  spec: { type, owner: 'group:default/metal3-admins' },
});
