import { ServiceUnavailableError } from '@backstage/errors';
import type { ClusterCache } from './ClusterCache';
import type { KubeClient } from './kube';

/**
 * The cluster's client for live reads and writes; 503 naming the cluster
 * while it is not connected (the caches still serve the last good data).
 *
 * @public
 */
export function requireClient(
  cache: Pick<ClusterCache, 'client' | 'config'>,
): KubeClient {
  const client = cache.client;
  if (!client) {
    throw new ServiceUnavailableError(
      `Cluster ${cache.config.name} is not connected; try again when it is`,
    );
  }
  return client;
}
