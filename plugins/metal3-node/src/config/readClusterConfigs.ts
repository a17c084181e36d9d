import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { validateLabelName } from '@metal3-fleet/plugin-metal3-common';
import { Metal3ClusterConfig } from './types';

const AUTH_PROVIDERS = ['serviceAccount', 'kubeconfig', 'inCluster'] as const;

/**
 * Reads and validates `metal3.clusters[]`. Every error names the config path
 * of the offending field, so an operator can fix the file without guessing.
 *
 * @public
 */
export function readClusterConfigs(config: Config): Metal3ClusterConfig[] {
  const entries = config.getOptionalConfigArray('metal3.clusters') ?? [];
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const path = `metal3.clusters[${index}]`;
    const cluster = readClusterEntry(entry, path, config);
    if (seen.has(cluster.name)) {
      throw new InputError(
        `${path}.name: duplicate cluster name "${cluster.name}"; cluster names must be unique`,
      );
    }
    seen.add(cluster.name);
    return cluster;
  });
}

function readClusterEntry(
  entry: Config,
  path: string,
  root: Config,
): Metal3ClusterConfig {
  const name = entry.getString('name');
  // Cluster names end up in entity names and URL paths: keep them label-safe.
  const nameError = validateLabelName(name, `${path}.name`);
  if (nameError) {
    throw new InputError(nameError.message);
  }
  const title = entry.getOptionalString('title') ?? name;
  const common = {
    name,
    title,
    configPath: path,
    credentialsRefreshSeconds: readRefreshSeconds(entry, path),
  };

  const ref = entry.getOptionalString('kubernetesPluginRef');
  if (ref) {
    return { ...common, ...readKubernetesPluginCluster(root, ref, path) };
  }

  const authProvider =
    entry.getOptionalString('authProvider') ?? 'serviceAccount';
  switch (authProvider) {
    case 'serviceAccount':
      return {
        ...common,
        authProvider,
        url: readUrl(entry, path),
        ...readToken(entry, path),
        caData: entry.getOptionalString('caData'),
        caFile: entry.getOptionalString('caFile'),
        skipTLSVerify: entry.getOptionalBoolean('skipTLSVerify') ?? false,
      };
    case 'kubeconfig':
      return {
        ...common,
        authProvider,
        kubeconfigFile: entry.getString('kubeconfig.file'),
        context: entry.getOptionalString('kubeconfig.context'),
      };
    case 'inCluster':
      return { ...common, authProvider };
    default:
      throw new InputError(
        `${path}.authProvider: "${authProvider}" is not supported; use one of ${AUTH_PROVIDERS.join(
          ', ',
        )}`,
      );
  }
}

/** A token inline or in a file, never both: which one wins would be a guess. */
function readToken(entry: Config, path: string) {
  const serviceAccountToken = entry.getOptionalString('serviceAccountToken');
  const serviceAccountTokenFile = entry.getOptionalString(
    'serviceAccountTokenFile',
  );
  if (serviceAccountToken && serviceAccountTokenFile) {
    throw new InputError(
      `${path}: set serviceAccountToken or serviceAccountTokenFile, not both`,
    );
  }
  return {
    ...(serviceAccountToken && { serviceAccountToken }),
    ...(serviceAccountTokenFile && { serviceAccountTokenFile }),
  };
}

function readRefreshSeconds(entry: Config, path: string): number | undefined {
  const seconds = entry.getOptionalNumber('credentialsRefreshSeconds');
  if (seconds !== undefined && !(seconds >= 1)) {
    throw new InputError(
      `${path}.credentialsRefreshSeconds: ${seconds} is not a number of seconds of at least 1`,
    );
  }
  return seconds;
}

function readUrl(entry: Config, path: string): string {
  const url = entry.getOptionalString('url');
  if (!url) {
    throw new InputError(
      `${path}.url is required when authProvider is serviceAccount`,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`${path}.url: "${url}" is not a valid URL`);
  }
  if (parsed.protocol !== 'https:') {
    throw new InputError(
      `${path}.url: the API server must be reached over https (got ${parsed.protocol})`,
    );
  }
  return url;
}

/**
 * Finds `name` among the Kubernetes plugin's config-located clusters. Only
 * service-account clusters qualify: other strategies need the signed-in user's
 * own token, which background sync does not have.
 */
function readKubernetesPluginCluster(root: Config, ref: string, path: string) {
  const methods =
    root.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  for (const method of methods) {
    if (method.getOptionalString('type') !== 'config') continue;
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      if (cluster.getString('name') !== ref) continue;
      const authProvider = cluster.getString('authProvider');
      if (authProvider !== 'serviceAccount') {
        throw new InputError(
          `${path}.kubernetesPluginRef: cluster "${ref}" uses authProvider ${authProvider}; only serviceAccount clusters can be reused`,
        );
      }
      return {
        authProvider: 'serviceAccount' as const,
        url: readUrl(cluster, `kubernetes cluster "${ref}"`),
        serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
        caData: cluster.getOptionalString('caData'),
        caFile: cluster.getOptionalString('caFile'),
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
      };
    }
  }
  throw new InputError(
    `${path}.kubernetesPluginRef: no cluster named "${ref}" in kubernetes.clusterLocatorMethods (type: config)`,
  );
}
