import type { KubeConfig } from '@kubernetes/client-node';
import { Metal3ClusterConfig } from '../../config';

/**
 * `@kubernetes/client-node` 2.x is ESM-only: load it with a real dynamic
 * import (Backstage leaves `import()` untransformed in Node packages) and keep
 * static imports type-only.
 */
export async function loadClientNode() {
  return import('@kubernetes/client-node');
}

/** Builds the client-node KubeConfig of one configured cluster. */
export async function loadKubeConfig(
  cluster: Metal3ClusterConfig,
): Promise<KubeConfig> {
  const { KubeConfig: KubeConfigClass } = await loadClientNode();
  const kc = new KubeConfigClass();
  switch (cluster.authProvider) {
    case 'serviceAccount':
      kc.loadFromOptions({
        clusters: [
          {
            name: cluster.name,
            server: cluster.url,
            caData: cluster.caData,
            caFile: cluster.caFile,
            skipTLSVerify: cluster.skipTLSVerify,
          },
        ],
        users: [{ name: cluster.name, token: cluster.serviceAccountToken }],
        contexts: [
          { name: cluster.name, cluster: cluster.name, user: cluster.name },
        ],
        currentContext: cluster.name,
      });
      break;
    case 'kubeconfig':
      kc.loadFromFile(cluster.kubeconfigFile);
      if (cluster.context) {
        if (!kc.getContextObject(cluster.context)) {
          throw new Error(
            `Cluster ${cluster.name}: context "${cluster.context}" not found in ${cluster.kubeconfigFile}`,
          );
        }
        kc.setCurrentContext(cluster.context);
      }
      break;
    case 'inCluster':
      kc.loadFromCluster();
      break;
    default:
      throw new Error(`Unsupported authProvider`);
  }
  if (!kc.getCurrentCluster()) {
    throw new Error(
      `Cluster ${cluster.name}: the configuration names no cluster`,
    );
  }
  return kc;
}
