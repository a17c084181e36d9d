import { R } from '../resourceKeys';
import { ObjectStore } from '../kube/ObjectStore';

/**
 * What CAPM3 writes on a BareMetalHost it hands to a Machine
 * (`MachineManager.setHostLabel` in cluster-api-provider-metal3's
 * baremetal/metal3machine_manager.go): the label
 * `cluster.x-k8s.io/cluster-name` with the Machine's cluster. Seeded pool
 * members are written directly into the store, past the simulated CAPM3, so
 * the seed applies the same label here; hosts CAPM3 claims later get it from
 * the controller (controllers/capi/metal3Machine.ts).
 */
export function labelClaimedHost(
  store: ObjectStore,
  namespace: string,
  hostName: string,
  clusterName: string,
): void {
  const host = store.get(R.bmh, namespace, hostName);
  if (!host) return;
  store.update(R.bmh, {
    ...host,
    metadata: {
      ...host.metadata,
      labels: {
        ...host.metadata.labels,
        'cluster.x-k8s.io/cluster-name': clusterName,
      },
    },
  });
}
