import { InputError, NotFoundError } from '@backstage/errors';
import type { ClusterCache } from '../../cluster/ClusterCache';
import { KubeApiError } from '../../cluster/kube';
import { requireClient } from '../../cluster/requireClient';

/** BMC credentials as a BareMetalHost's Secret holds them. Never logged or returned. @public */
export interface BmcCredentials {
  username: string;
  password: string;
}

/**
 * Reads `username` and `password` of a BMC Secret, live (Secrets are never
 * cached by the cluster service). Errors name the Secret, not its content.
 *
 * @public
 */
export async function readBmcCredentials(
  cache: Pick<ClusterCache, 'client' | 'config'>,
  namespace: string,
  secretName: string,
): Promise<BmcCredentials> {
  let secret: any;
  try {
    secret = await requireClient(cache).request(
      'GET',
      `/api/v1/namespaces/${encodeURIComponent(
        namespace,
      )}/secrets/${encodeURIComponent(secretName)}`,
    );
  } catch (error) {
    if (error instanceof KubeApiError && error.statusCode === 404) {
      throw new NotFoundError(
        `BMC Secret ${namespace}/${secretName} does not exist in cluster ${cache.config.name}`,
      );
    }
    throw error;
  }
  const decode = (key: string) => {
    const value = secret?.data?.[key];
    return typeof value === 'string'
      ? Buffer.from(value, 'base64').toString('utf8')
      : secret?.stringData?.[key];
  };
  const username = decode('username');
  const password = decode('password');
  if (!username || !password) {
    throw new InputError(
      `BMC Secret ${namespace}/${secretName} lacks ${
        username ? 'password' : 'username'
      }`,
    );
  }
  return { username, password };
}
