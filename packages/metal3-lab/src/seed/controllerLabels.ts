import { R } from '../resourceKeys';
import { ObjectStore } from '../kube/ObjectStore';
import { ResourceKey } from '../types';

const CLUSTER_NAME = 'cluster.x-k8s.io/cluster-name';

/**
 * Labels the Cluster API and CAPM3 controllers and webhooks write on pool
 * objects, applied to the seeded ones (written directly into the store, past
 * the simulated controllers; objects the controllers create later get them
 * from controllers/capi):
 *
 * - CAPM3 labels a BareMetalHost it hands to a Machine with
 *   `cluster.x-k8s.io/cluster-name` (`MachineManager.setHostLabel`,
 *   cluster-api-provider-metal3 baremetal/metal3machine_manager.go);
 * - CAPI's MachineSet defaulting webhook labels every MachineSet with
 *   `cluster.x-k8s.io/cluster-name` (`spec.clusterName`).
 */
export function labelPoolMember(
  store: ObjectStore,
  member: {
    namespace: string;
    hostName: string;
    machineSetName: string;
    clusterName: string;
  },
): void {
  const { namespace, clusterName } = member;
  addClusterName(store, R.bmh, namespace, member.hostName, clusterName);
  addClusterName(store, R.ms, namespace, member.machineSetName, clusterName);
}

function addClusterName(
  store: ObjectStore,
  key: ResourceKey,
  namespace: string,
  name: string,
  clusterName: string,
): void {
  const object = store.get(key, namespace, name);
  if (!object || object.metadata.labels?.[CLUSTER_NAME] === clusterName) return;
  store.update(key, {
    ...object,
    metadata: {
      ...object.metadata,
      labels: { ...object.metadata.labels, [CLUSTER_NAME]: clusterName },
    },
  });
}
