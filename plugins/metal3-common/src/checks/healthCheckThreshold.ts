/**
 * When a MachineHealthCheck lets Cluster API remediate, computed the way
 * CAPI's MachineHealthCheck controller does (internal/controllers/
 * machinehealthcheck: isAllowedRemediation, getMaxUnhealthy,
 * getUnhealthyRange):
 *
 * - `unhealthyRange` ("[min-max]", v1beta2 `unhealthyInRange`), when set,
 *   wins: remediation is allowed while min ≤ unhealthy ≤ max;
 * - otherwise `maxUnhealthy` (v1beta2 `unhealthyLessThanOrEqualTo`, default
 *   100%) is scaled to the number of machines with
 *   `intstr.GetScaledValueFromIntOrPercent(…, roundUp=false)`: a percentage
 *   is rounded DOWN; remediation is allowed while unhealthy ≤ that value.
 *
 * So the guide's `maxUnhealthy: 40%` on its 2 replicas is ⌊0.8⌋ = 0: a single
 * unhealthy worker already exceeds it and nothing is ever remediated.
 */

/** The threshold part of a MachineHealthCheck, normalised from v1beta1 or v1beta2. @public */
export interface HealthCheckThreshold {
  /** `maxUnhealthy` / `unhealthyLessThanOrEqualTo`: an integer or a string like `40%`; absent means 100%. */
  unhealthyLessThanOrEqualTo?: number | string;
  /** `unhealthyRange` / `unhealthyInRange`: `[min-max]`. */
  unhealthyRange?: string;
}

/** Whether remediation can happen at a size, and the numbers that decide it. @public */
export type RemediationLimit =
  | { valid: false; message: string }
  | {
      valid: true;
      /** Fewest unhealthy machines that are remediated. */
      min: number;
      /** Most unhealthy machines that are remediated. */
      max: number;
      /** A single unhealthy machine (or the fewest the range needs) can ever be remediated at this size. */
      canRemediate: boolean;
    };

/**
 * `intstr.GetScaledValueFromIntOrPercent(value, total, roundUp)`: an integer
 * is itself, `N%` is N·total/100 rounded down (or up); anything else is
 * invalid ("a string that is not a percentage"), as in apimachinery.
 *
 * @public
 */
export function scaledIntOrPercent(
  value: number | string,
  total: number,
  roundUp = false,
): number | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) ? value : undefined;
  }
  const match = /^(-?\d+)%$/.exec(value);
  if (!match) return undefined;
  const percent = Number(match[1]);
  const scaled = (percent * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** Min and max of a `[min-max]` range, as CAPI parses it. @public */
export function parseUnhealthyRange(
  range: string,
): { min: number; max: number } | undefined {
  const match = /^\[(\d+)-(\d+)\]$/.exec(range);
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = Number(match[2]);
  return max < min ? undefined : { min, max };
}

/**
 * The remediation limits of a health check over `machines` machines (the
 * pool's size, or the health check's `status.expectedMachines`).
 *
 * @public
 */
export function remediationLimit(
  threshold: HealthCheckThreshold,
  machines: number,
): RemediationLimit {
  if (threshold.unhealthyRange !== undefined) {
    const range = parseUnhealthyRange(threshold.unhealthyRange);
    if (!range) {
      return {
        valid: false,
        message: `unhealthyRange "${threshold.unhealthyRange}" is not [min-max] with min ≤ max: Cluster API refuses to evaluate the health check`,
      };
    }
    return {
      valid: true,
      ...range,
      canRemediate:
        range.max >= 1 && Math.max(range.min, 1) <= Math.max(machines, 0),
    };
  }
  const value = threshold.unhealthyLessThanOrEqualTo ?? '100%';
  const max = scaledIntOrPercent(value, machines);
  if (max === undefined) {
    return {
      valid: false,
      message: `maxUnhealthy "${value}" is neither an integer nor a percentage: Cluster API refuses to evaluate the health check`,
    };
  }
  return { valid: true, min: 0, max, canRemediate: max >= 1 };
}

/**
 * Whether CAPI allows remediation now, for `unhealthy` of `expected`
 * machines (its RemediationAllowed condition).
 *
 * @public
 */
export function isRemediationAllowed(
  threshold: HealthCheckThreshold,
  expected: number,
  unhealthy: number,
): boolean {
  const limit = remediationLimit(threshold, expected);
  return limit.valid && unhealthy >= limit.min && unhealthy <= limit.max;
}

/**
 * The smallest percentage that lets one machine of `machines` be remediated:
 * ⌊p·n/100⌋ ≥ 1 ⇔ p ≥ 100/n.
 *
 * @public
 */
export function smallestRemediatingPercent(machines: number): number {
  return machines <= 0 ? 100 : Math.min(100, Math.ceil(100 / machines));
}
