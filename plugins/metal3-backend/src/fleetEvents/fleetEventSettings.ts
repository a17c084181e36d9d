import { Config } from '@backstage/config';
import { EXPECTED_STATE_SECONDS } from '@metal3-fleet/plugin-metal3-common';

/** `metal3.fleetEvents`: when the detector calls a host stuck or a pool degraded. */
export interface FleetEventSettings {
  /** Per transient state: seconds after which a host in it is stuck. */
  stuckSeconds: Record<string, number>;
  /** A pool degraded this long is reported (a scale-up is degraded until its hosts provision). */
  poolDegradedMs: number;
  /** How often time-driven conditions (stuck, pool grace) are looked at again. */
  checkMs: number;
}

/** Normal provisioning takes up to 40 minutes (EXPECTED_STATE_SECONDS): more than that. */
const POOL_DEGRADED_SECONDS = 45 * 60;

function positive(config: Config | undefined, key: string, fallback: number) {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) {
    throw new Error(
      `metal3.fleetEvents.${key}: must be a positive number of seconds, not ${value}`,
    );
  }
  return value;
}

/** Reads `metal3.fleetEvents`; a bad value fails start-up naming the key. */
export function readFleetEventSettings(config: Config): FleetEventSettings {
  const section = config.getOptionalConfig('metal3.fleetEvents');
  const stuck = section?.getOptionalConfig('stuckSeconds');
  const stuckSeconds = { ...EXPECTED_STATE_SECONDS };
  for (const state of stuck?.keys() ?? []) {
    if (!(state in EXPECTED_STATE_SECONDS)) {
      throw new Error(
        `metal3.fleetEvents.stuckSeconds.${state}: not a transient state; use one of ${Object.keys(
          EXPECTED_STATE_SECONDS,
        ).join(', ')}`,
      );
    }
    stuckSeconds[state] = positive(section, `stuckSeconds.${state}`, 1);
  }
  return {
    stuckSeconds,
    poolDegradedMs:
      positive(section, 'poolDegradedSeconds', POOL_DEGRADED_SECONDS) * 1000,
    checkMs: positive(section, 'checkSeconds', 15) * 1000,
  };
}
