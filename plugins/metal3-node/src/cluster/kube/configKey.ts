import type { Metal3ClusterConfig } from '../../config';

/**
 * The config key of a field of a cluster entry, for errors and health:
 * `metal3.clusters[0].url`, or by name for clusters built in code.
 */
export function configKey(
  cluster: Pick<Metal3ClusterConfig, 'name' | 'configPath'>,
  field?: string,
): string {
  const base = cluster.configPath ?? `metal3.clusters[name=${cluster.name}]`;
  return field ? `${base}.${field}` : base;
}

/**
 * The configuration of a cluster cannot be used (a file is missing or
 * unreadable, a context does not exist): fixed by editing `key`, not by
 * waiting for the cluster.
 */
export class ClusterConfigError extends Error {
  readonly key: string;

  constructor(key: string, message: string) {
    super(`${key}: ${message}`);
    this.name = 'ClusterConfigError';
    this.key = key;
  }
}
