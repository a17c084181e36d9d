/**
 * When a watch sends bookmarks and when it ends, as kube-apiserver decides.
 * Pure functions, so the minute-scale cadence is tested without waiting.
 */

/**
 * How often the watch cache sends a BOOKMARK to a watcher that asked for
 * them: "roughly every minute" (apiserver/pkg/storage/cacher, the cacher's
 * bookmark frequency). Not sent at all without `allowWatchBookmarks=true`.
 */
export const BOOKMARK_FREQUENCY_MS = 60_000;

/**
 * kube-apiserver's `--min-request-timeout` default: a watch without
 * `timeoutSeconds` is closed after a random time between this and twice this.
 */
export const MIN_REQUEST_TIMEOUT_SECONDS = 1800;

/**
 * How long a watch stays open, in ms. As apiserver/pkg/endpoints/handlers
 * (GetTimeoutForWatch): the client's `timeoutSeconds` when it is not 0
 * (a negative one ends the watch at once); without one, or with 0, a random
 * time in [min, 2·min) so that watches opened together do not all reconnect
 * together.
 */
export function watchTimeoutMs(
  timeoutSeconds: number | undefined,
  minRequestTimeoutSeconds: number,
  random: () => number = Math.random,
): number {
  if (timeoutSeconds) return Math.max(0, timeoutSeconds * 1000);
  return minRequestTimeoutSeconds * 1000 * (random() + 1);
}

/**
 * Delay until the next BOOKMARK of a watch, or undefined when none is due
 * before it ends. As the cacher's nextBookmarkTime: one bookmark frequency
 * from now, or 2 s before the deadline when that comes first (so a client
 * resumes from a fresh resourceVersion after the close), never now or in
 * the past.
 */
export function nextBookmarkDelayMs(
  now: number,
  deadline: number,
  frequencyMs: number,
): number | undefined {
  const next = Math.min(now + frequencyMs, deadline - 2000);
  // Not due when the pre-deadline one is now or past (it was just sent).
  return next <= now ? undefined : next - now;
}
