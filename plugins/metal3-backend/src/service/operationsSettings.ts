import { Config } from '@backstage/config';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export interface OperationsSettings {
  /** A replica that has not renewed its lease for this long loses its operations. */
  leaseMs: number;
  /** Finished operations are kept this long. */
  keepMs: number;
}

function positive(config: Config | undefined, key: string, fallback: number) {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) {
    throw new Error(
      `metal3.operations.${key}: must be a positive number, not ${value}`,
    );
  }
  return value;
}

/** `metal3.operations`: see docs/configuration.md. */
export function readOperationsSettings(config: Config): OperationsSettings {
  const operations = config.getOptionalConfig('metal3.operations');
  return {
    leaseMs: positive(operations, 'leaseSeconds', 30) * 1000,
    keepMs: positive(operations, 'keepDays', 7) * 24 * 60 * 60_000,
  };
}

/**
 * This process's name in operation records: the host name (the pod's name
 * in Kubernetes), the process id and a random part, so a restarted process
 * in the same pod is another replica.
 */
export function replicaName(): string {
  return `${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`;
}
