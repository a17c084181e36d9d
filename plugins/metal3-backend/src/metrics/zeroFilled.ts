/** One value of an observable gauge and its labels. */
export interface Observation {
  labels: Record<string, string>;
  value: number;
}

interface ObservableResult {
  observe(value: number, labels: Record<string, string>): void;
}

/** How long a label set that went away is still reported as 0. */
const ZERO_MEMORY_MS = 15 * 60_000;

const keyOf = (labels: Record<string, string>) =>
  JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));

/**
 * A gauge callback that reports a label set which went away (a host out of
 * error, a status no host is in any more, a pool's old health) as 0.
 *
 * Why: OpenTelemetry's SDK exports cumulative data to Prometheus and keeps
 * every label set it was ever given, at its last value — a host that
 * recovered would stay "in error" in Prometheus until the backend restarts.
 * So the callback says 0 for it, for a while (every reader collects at its
 * own pace), and then forgets it; the SDK goes on exporting that 0. The
 * series of recovered hosts stay at 0 until a restart: their number is
 * bounded by the hosts that failed since, not by the fleet's churn.
 */
export function zeroFilled(
  read: () => Observation[] | Promise<Observation[]>,
  now: () => number = Date.now,
): (result: ObservableResult) => Promise<void> {
  /** label sets reported last, and those gone: since when */
  let present = new Map<string, Record<string, string>>();
  const gone = new Map<
    string,
    { labels: Record<string, string>; since: number }
  >();
  return async result => {
    const observations = await read();
    const next = new Map<string, Record<string, string>>();
    for (const { labels, value } of observations) {
      const key = keyOf(labels);
      next.set(key, labels);
      gone.delete(key);
      result.observe(value, labels);
    }
    for (const [key, labels] of present) {
      if (!next.has(key)) gone.set(key, { labels, since: now() });
    }
    for (const [key, { labels, since }] of gone) {
      if (now() - since > ZERO_MEMORY_MS) gone.delete(key);
      else result.observe(0, labels);
    }
    present = next;
  };
}
