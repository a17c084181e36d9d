import {
  BareMetalHostProjection,
  MachineDeploymentProjection,
} from '@metal3-fleet/plugin-metal3-node';

const CLUSTER_NAME = 'cluster.x-k8s.io/cluster-name';
const DEPLOYMENT_NAME = 'cluster.x-k8s.io/deployment-name';
const TOPOLOGY_DEPLOYMENT_NAME = 'topology.cluster.x-k8s.io/deployment-name';

/**
 * The `backstage.io/kubernetes-label-selector` of host and pool entities:
 * Backstage's Kubernetes plugin applies one label selector to every kind it
 * lists (the custom resources of `kubernetes.customResources` included), so
 * the selector can only use labels that the controllers themselves write on
 * all the objects it should find. Cluster API and CAPM3 write:
 *
 * - `cluster.x-k8s.io/cluster-name` on MachineDeployments, MachineSets,
 *   Machines and Metal3Machines (CAPI's webhooks and MachineSet controller)
 *   and on a BareMetalHost once CAPM3 hands it to a Machine
 *   (`setHostLabel`);
 * - `cluster.x-k8s.io/deployment-name` on MachineSets, Machines and
 *   Metal3Machines, not on the MachineDeployment itself;
 * - `topology.cluster.x-k8s.io/deployment-name` on a ClusterClass pool's
 *   MachineDeployment, MachineSets, Machines and Metal3Machines.
 *
 * No label names one host on its Machine or Metal3Machine, and Nodes carry
 * none of these (only `kubernetes.io/hostname`), so a host's tab shows the
 * workload cluster it serves (its own BareMetalHost, Machine and
 * Metal3Machine among its peers'); a free host has no selector.
 */
export function hostLabelSelector(
  host: Pick<BareMetalHostProjection, 'labels'>,
): string | undefined {
  const cluster = host.labels[CLUSTER_NAME];
  return cluster ? `${CLUSTER_NAME}=${cluster}` : undefined;
}

/**
 * A pool's selector: exact for a ClusterClass pool (its topology name) and
 * for a MachineDeployment labelled with its own name; otherwise its workload
 * cluster's, the only upstream label the MachineDeployment carries.
 */
export function poolLabelSelector(
  pool: Pick<MachineDeploymentProjection, 'name' | 'labels' | 'clusterName'>,
): string | undefined {
  const topologyName = pool.labels[TOPOLOGY_DEPLOYMENT_NAME];
  const cluster = pool.clusterName ?? pool.labels[CLUSTER_NAME];
  if (topologyName && cluster) {
    return `${CLUSTER_NAME}=${cluster},${TOPOLOGY_DEPLOYMENT_NAME}=${topologyName}`;
  }
  if (pool.labels[DEPLOYMENT_NAME] === pool.name) {
    return `${DEPLOYMENT_NAME}=${pool.name}`;
  }
  return cluster ? `${CLUSTER_NAME}=${cluster}` : undefined;
}
