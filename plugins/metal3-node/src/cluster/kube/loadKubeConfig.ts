import type { KubeConfig } from '@kubernetes/client-node';
import { readFile } from 'node:fs/promises';
import { Metal3ClusterConfig } from '../../config';
import { ClusterConfigError, configKey } from './configKey';

/**
 * `@kubernetes/client-node` 2.x is ESM-only: load it with a real dynamic
 * import (Backstage leaves `import()` untransformed in Node packages) and keep
 * static imports type-only.
 */
export async function loadClientNode() {
  return import('@kubernetes/client-node');
}

/**
 * Builds the client-node KubeConfig of one configured cluster from the
 * configuration as it is now: files (kubeconfig, token file) are read on
 * every call, so calling it again after a rotation picks up the new
 * credentials. kubeconfig `exec` plugins and OIDC users run through
 * client-node's own authenticators; a fresh KubeConfig also starts with an
 * empty exec token cache, so the plugin runs again.
 */
export async function loadKubeConfig(
  cluster: Metal3ClusterConfig,
): Promise<KubeConfig> {
  const { KubeConfig: KubeConfigClass } = await loadClientNode();
  const kc = new KubeConfigClass();
  switch (cluster.authProvider) {
    case 'serviceAccount': {
      const token = cluster.serviceAccountTokenFile
        ? await readTokenFile(cluster, cluster.serviceAccountTokenFile)
        : cluster.serviceAccountToken;
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
        users: [{ name: cluster.name, token }],
        contexts: [
          { name: cluster.name, cluster: cluster.name, user: cluster.name },
        ],
        currentContext: cluster.name,
      });
      break;
    }
    case 'kubeconfig':
      try {
        kc.loadFromFile(cluster.kubeconfigFile);
      } catch (error) {
        throw new ClusterConfigError(
          configKey(cluster, 'kubeconfig.file'),
          `cannot load ${cluster.kubeconfigFile} (${fileErrorOf(error)})`,
        );
      }
      if (cluster.context) {
        if (!kc.getContextObject(cluster.context)) {
          throw new ClusterConfigError(
            configKey(cluster, 'kubeconfig.context'),
            `context "${cluster.context}" not found in ${cluster.kubeconfigFile}`,
          );
        }
        kc.setCurrentContext(cluster.context);
      }
      break;
    case 'inCluster':
      if (!process.env.KUBERNETES_SERVICE_HOST) {
        throw new ClusterConfigError(
          configKey(cluster, 'authProvider'),
          'inCluster needs the pod environment (KUBERNETES_SERVICE_HOST is not set); the backend does not run in a Kubernetes pod',
        );
      }
      kc.loadFromCluster();
      break;
    default:
      throw new Error(`Unsupported authProvider`);
  }
  if (!kc.getCurrentCluster()) {
    throw new ClusterConfigError(
      configKey(cluster),
      'the configuration names no cluster (no current context)',
    );
  }
  return kc;
}

/** A token file as kubelet projects it; surrounding whitespace is not part of the token. */
async function readTokenFile(
  cluster: Metal3ClusterConfig,
  file: string,
): Promise<string> {
  let token: string;
  try {
    token = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    throw new ClusterConfigError(
      configKey(cluster, 'serviceAccountTokenFile'),
      `cannot read ${file} (${fileErrorOf(error)})`,
    );
  }
  if (!token) {
    throw new ClusterConfigError(
      configKey(cluster, 'serviceAccountTokenFile'),
      `${file} is empty`,
    );
  }
  return token;
}

/**
 * The reason a file could not be used, without its content: a YAML parser's
 * message can quote the line it choked on, and that line may hold a token.
 */
function fileErrorOf(error: unknown): string {
  const { code, name, message } = (error ?? {}) as {
    code?: string;
    name?: string;
    message?: string;
  };
  if (code) return code;
  if (name === 'YAMLException') return 'not valid YAML';
  // client-node's own checks name the entry: "users[0].name is missing".
  return message ?? String(error);
}
