import { InputError } from '@backstage/errors';
import {
  ClusterCache,
  KubeClient,
  Metal3ClusterService,
} from '@metal3-fleet/plugin-metal3-node';
import { CapiVersion } from '../manifests/capi';

export interface ClusterAccess {
  cache: ClusterCache;
  client: KubeClient;
  /** The Cluster API version this cluster serves and we write. */
  capiVersion: CapiVersion;
}

/**
 * The cache, the client and the CAPI version of one configured cluster, or an
 * InputError naming the `cluster` field (unknown or not connected).
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
  // Discovery prefers v1beta2; an older management cluster only has v1beta1.
  const capiVersion: CapiVersion =
    cache.capiVersion === 'v1beta1' ? 'v1beta1' : 'v1beta2';
  return { cache, client, capiVersion };
}

/** Query of every write: our field manager, and `dryRun=All` on a dry run. */
export function writeQuery(fieldManager: string, dryRun: boolean | undefined) {
  return { fieldManager, ...(dryRun && { dryRun: 'All' }) };
}
