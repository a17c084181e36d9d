import { Config } from '@backstage/config';

/** `metal3.metrics` as the plugin reads it (the exporter's port is read by packages/backend). */
export interface MetricsSettings {
  enabled: boolean;
  /** At most this many per-host series per metric (hosts in error, unreachable BMCs). */
  maxHostSeries: number;
  /** How often the lease holder reads every BMC's power state; 0: never. */
  bmcIntervalMs: number;
}

function nonNegative(
  config: Config | undefined,
  key: string,
  fallback: number,
) {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!(value >= 0) || !Number.isFinite(value)) {
    throw new Error(
      `metal3.metrics.${key}: must be a number of 0 or more, not ${value}`,
    );
  }
  return value;
}

/** Reads `metal3.metrics`; a bad value fails start-up naming the key. */
export function readMetricsSettings(config: Config): MetricsSettings {
  const section = config.getOptionalConfig('metal3.metrics');
  return {
    enabled: section?.getOptionalBoolean('enabled') ?? true,
    maxHostSeries: Math.floor(nonNegative(section, 'maxHostSeries', 100)),
    bmcIntervalMs:
      nonNegative(section, 'bmcReachability.intervalSeconds', 300) * 1000,
  };
}
