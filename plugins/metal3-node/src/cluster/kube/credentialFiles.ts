import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Metal3ClusterConfig } from '../../config';

/** Where a pod's projected service-account token and CA live (kubelet rotates the token). */
export const IN_CLUSTER_FILES = [
  '/var/run/secrets/kubernetes.io/serviceaccount/token',
  '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
];

/**
 * The files a cluster's credentials are read from: when one of them changes,
 * the client must be rebuilt. Inline tokens never change, so a cluster
 * configured with one has none.
 */
export function credentialFiles(cluster: Metal3ClusterConfig): string[] {
  switch (cluster.authProvider) {
    case 'kubeconfig':
      return [cluster.kubeconfigFile];
    case 'serviceAccount':
      return [cluster.serviceAccountTokenFile, cluster.caFile].filter(
        (file): file is string => Boolean(file),
      );
    case 'inCluster':
      return IN_CLUSTER_FILES;
    default:
      return [];
  }
}

/**
 * A digest of the files' contents (a missing file counts as its error code),
 * so a change is noticed without keeping a token in memory twice.
 */
export async function fingerprintFiles(files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file);
    try {
      hash.update(await readFile(file));
    } catch (error) {
      hash.update(`!${(error as { code?: string }).code ?? 'unreadable'}`);
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}
