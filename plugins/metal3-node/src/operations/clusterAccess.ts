import { InputError } from '@backstage/errors';
import type { ClusterCache } from '../cluster/ClusterCache';
import type { KubeClient } from '../cluster/kube';
import type { Metal3ClusterService } from '../cluster/Metal3ClusterService';
import { CapiVersion, capiVersionOf } from './kubePaths';

export interface ClusterAccess {
  cache: ClusterCache;
  client: KubeClient;
  /** The Cluster API version this cluster serves and we write. */
  capiVersion: CapiVersion;
}

/**
 * The cache, the client and the CAPI version of one configured cluster, or
 * an InputError naming the `cluster` field (unknown or not connected): for
 * callers whose input names the cluster (the scaffolder actions).
 */
export function accessCluster(
  clusters: Metal3ClusterService,
  cluster: string,
): ClusterAccess {
  if (!clusters.listClusters().some(c => c.name === cluster)) {
    throw new InputError(
      `cluster: no cluster named "${cluster}" is configured in metal3.clusters`,
    );
  }
  const cache = clusters.getCluster(cluster);
  const client = cache.client;
  if (!client) throw new InputError(`cluster: ${cluster} is not connected`);
  return { cache, client, capiVersion: capiVersionOf(cache) };
}
