import { KubeObject } from '../../types';
import { ControllerContext } from './context';
import { R } from './resources';

const OWNED = 'topology.cluster.x-k8s.io/owned';
const DEPLOYMENT_NAME = 'topology.cluster.x-k8s.io/deployment-name';
const CLUSTER_NAME = 'cluster.x-k8s.io/cluster-name';

/**
 * Cluster API's topology controller (core/reconcilers/topology/cluster),
 * reduced to what the lab's users meet: the replicas of each
 * `spec.topology.workers.machineDeployments[]` entry are applied to the
 * MachineDeployment it owns (labels `topology.cluster.x-k8s.io/owned` and
 * `.../deployment-name`). The real controller server-side-applies the whole
 * desired MachineDeployment with the replicas of the topology, so a scale
 * written to the MachineDeployment itself is undone at its next reconcile
 * (it watches the MachineDeployments it owns). An entry without replicas
 * leaves them to others (an autoscaler), as upstream does.
 *
 * Not simulated: creating or deleting MachineDeployments for added or
 * removed entries, template rotation, version upgrades, variables and
 * patches, MachinePools.
 */
export function reconcileClusterTopology(
  ctx: ControllerContext,
  cluster: KubeObject,
): void {
  const topology = cluster.spec?.topology;
  if (!topology || cluster.metadata.deletionTimestamp) return;
  // cluster_controller.go: a paused Cluster is not reconciled.
  if (
    cluster.spec?.paused === true ||
    cluster.metadata.annotations?.['cluster.x-k8s.io/paused'] !== undefined
  )
    return;
  const namespace = cluster.metadata.namespace!;
  const owned = ctx.store.list(R.md, {
    namespace,
    labelSelector: `${CLUSTER_NAME}=${cluster.metadata.name},${OWNED}`,
  });
  for (const entry of topology.workers?.machineDeployments ?? []) {
    if (entry.replicas === undefined) continue;
    const md = owned.find(
      m => m.metadata.labels?.[DEPLOYMENT_NAME] === entry.name,
    );
    if (!md || md.metadata.deletionTimestamp) continue;
    if (md.spec?.replicas === entry.replicas) continue;
    // Written with the resourceVersion read above: a concurrent write
    // conflicts and the next pass retries.
    ctx.store.update(R.md, {
      ...md,
      spec: { ...md.spec, replicas: entry.replicas },
    });
    ctx.event(
      cluster,
      'Normal',
      'TopologyUpdate',
      `Updated MachineDeployment "${namespace}/${md.metadata.name}"`,
    );
  }
}
