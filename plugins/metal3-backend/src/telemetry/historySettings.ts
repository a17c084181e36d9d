import { Config } from '@backstage/config';

/** `metal3.bmc.telemetry.history`: see docs/configuration.md. */
export interface HistorySettings {
  /** Sampling on (default true); off keeps what was stored and samples nothing. */
  enabled: boolean;
  /** How often every host's BMC is read for the history. */
  intervalMs: number;
  /** Readings older than this are deleted. */
  retentionMs: number;
  /** The most readings a host keeps, whatever the retention says. */
  maxPerHost: number;
}

const KEY = 'metal3.bmc.telemetry.history';

function positive(config: Config | undefined, key: string, fallback: number) {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) {
    throw new Error(`${KEY}.${key}: must be a positive number, not ${value}`);
  }
  return value;
}

export function readHistorySettings(config: Config): HistorySettings {
  const history = config.getOptionalConfig(KEY);
  const intervalSeconds = positive(history, 'sampleIntervalSeconds', 300);
  const retentionHours = positive(history, 'retentionHours', 48);
  // Default bound: one reading per interval over the retention, and a few
  // more for an interval shortened since; never unbounded.
  const fitting = Math.ceil((retentionHours * 3600) / intervalSeconds) + 10;
  return {
    enabled: history?.getOptionalBoolean('enabled') ?? true,
    intervalMs: intervalSeconds * 1000,
    retentionMs: retentionHours * 3600_000,
    maxPerHost: Math.floor(positive(history, 'maxReadingsPerHost', fitting)),
  };
}
