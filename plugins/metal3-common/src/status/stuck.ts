/**
 * "Stuck" detection: how long a host has been in a transient state, from
 * `status.operationHistory`, against how long that state normally takes.
 */

/**
 * `status.operationHistory` of a BareMetalHost. A type alias rather than an
 * interface so it also reads as a record of operations (the host page walks
 * it as one).
 *
 * @public
 */
export type OperationHistory = {
  register?: { start?: string; end?: string };
  inspect?: { start?: string; end?: string };
  provision?: { start?: string; end?: string };
  deprovision?: { start?: string; end?: string };
};

/**
 * Longest normal duration of each transient state, in seconds. Real hardware:
 * registration takes seconds, inspection 5–15 minutes (a ramdisk boot), image
 * deployment 10–20 minutes, deprovisioning with cleaning up to half an hour.
 * The limits leave room above those before calling a host stuck.
 *
 * @public
 */
export const EXPECTED_STATE_SECONDS: Record<string, number> = {
  registering: 5 * 60,
  inspecting: 30 * 60,
  provisioning: 40 * 60,
  deprovisioning: 45 * 60,
};

const OPERATION_OF_STATE: Record<string, keyof OperationHistory> = {
  registering: 'register',
  inspecting: 'inspect',
  provisioning: 'provision',
  deprovisioning: 'deprovision',
};

/** @public */
export interface StuckReport {
  stuck: boolean;
  /** Seconds since the current operation started; undefined when unknown. */
  elapsedSeconds?: number;
  expectedSeconds?: number;
  message?: string;
}

/**
 * @param state - `status.provisioning.state`
 * @param now - the time to measure against (passed in to keep this pure)
 * @param expected - per-state limits; defaults to {@link EXPECTED_STATE_SECONDS}
 * @public
 */
export function detectStuck(
  state: string | undefined,
  history: OperationHistory | undefined,
  now: Date,
  expected: Record<string, number> = EXPECTED_STATE_SECONDS,
): StuckReport {
  const operation = state ? OPERATION_OF_STATE[state] : undefined;
  const record = operation ? history?.[operation] : undefined;
  const limit = state ? expected[state] : undefined;
  // An operation that has ended, or that never recorded a start, says nothing
  // about the current state: the host may have just entered it.
  if (!operation || !record?.start || record.end || limit === undefined) {
    return { stuck: false };
  }
  const started = Date.parse(record.start);
  if (Number.isNaN(started)) return { stuck: false };
  const elapsedSeconds = Math.max(
    0,
    Math.round((now.getTime() - started) / 1000),
  );
  const stuck = elapsedSeconds > limit;
  return {
    stuck,
    elapsedSeconds,
    expectedSeconds: limit,
    ...(stuck && {
      message: `${state} for ${formatDuration(
        elapsedSeconds,
      )}; it normally takes less than ${formatDuration(limit)}`,
    }),
  };
}

/** "1h 5m", "12m", "40s": compact, for tables and messages. @public */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  if (m > 0) return `${m}m`;
  return `${s}s`;
}
