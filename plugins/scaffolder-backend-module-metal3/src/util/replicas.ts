import { FIELD_MANAGER, KubeClient } from '@metal3-fleet/plugin-metal3-node';
import { TOPOLOGY_DEPLOYMENT_LABEL } from '../manifests/capi';
import { isStatus } from './kubeErrors';

const MERGE_PATCH = 'application/merge-patch+json';

export type ReplicaChange = {
  from: number;
  to: number;
  /** `topology` when written through Cluster.spec.topology (ClusterClass). */
  via: 'machineDeployment' | 'topology';
};

/**
 * Sets a MachineDeployment's replicas with optimistic concurrency: the write
 * carries the resourceVersion it was computed from, and a 409 (someone else
 * wrote in between) re-reads and re-checks. `check` may refuse the change
 * given the fresh object (the min/max and capacity guards).
 *
 * When the topology controller owns the MachineDeployment (ClusterClass), a
 * direct write would be reverted at its next reconcile: the replicas go into
 * `Cluster.spec.topology.workers.machineDeployments[].replicas` instead.
 */
export async function setReplicas(options: {
  client: KubeClient;
  mdPath: string;
  clusterPath: (name: string) => string;
  replicas: number;
  dryRun: boolean;
  check?: (current: number) => void;
  attempts?: number;
}): Promise<ReplicaChange> {
  const { client, replicas, attempts = 5 } = options;
  const query = {
    fieldManager: FIELD_MANAGER,
    ...(options.dryRun && { dryRun: 'All' }),
  };
  for (let attempt = 1; ; attempt++) {
    const md = await client.request('GET', options.mdPath);
    const from: number = md?.spec?.replicas ?? 1;
    options.check?.(from);
    const topologyName = md?.metadata?.labels?.[TOPOLOGY_DEPLOYMENT_LABEL];
    try {
      if (topologyName) {
        const path = options.clusterPath(md.spec.clusterName);
        const cluster = await client.request('GET', path);
        const entries: any[] =
          cluster?.spec?.topology?.workers?.machineDeployments ?? [];
        const entry = entries.find(e => e.name === topologyName);
        if (!entry) {
          throw new Error(
            `Cluster ${md.spec.clusterName} has no topology worker ${topologyName} for MachineDeployment ${md.metadata.name}`,
          );
        }
        entry.replicas = replicas;
        // PUT of the object as read: its resourceVersion makes it conditional.
        await client.request('PUT', path, { body: cluster, query });
        return { from, to: replicas, via: 'topology' };
      }
      await client.request('PATCH', options.mdPath, {
        body: {
          metadata: { resourceVersion: md.metadata.resourceVersion },
          spec: { replicas },
        },
        contentType: MERGE_PATCH,
        query,
      });
      return { from, to: replicas, via: 'machineDeployment' };
    } catch (error) {
      if (!isStatus(error, 409) || attempt >= attempts) throw error;
    }
  }
}
