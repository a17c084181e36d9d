/**
 * client-go's reflector asks for `timeoutSeconds` between 5 and 10 minutes
 * (minWatchTimeout × (1 + rand)): the server closes each watch on purpose,
 * spreading reconnects over time instead of all at once.
 */
export const MIN_WATCH_TIMEOUT_SECONDS = 300;

/**
 * How long past its `timeoutSeconds` the client still waits for a silent
 * stream before cutting it. A healthy server closes the watch itself at
 * `timeoutSeconds` and sends a bookmark about once a minute in between, so
 * this deadline never cuts a healthy quiet watch; a dead connection is
 * usually noticed sooner by TCP keep-alive (30 s, client-node's dispatcher).
 */
export const WATCH_DEADLINE_MARGIN_SECONDS = 30;

/** A stream that ends this soon with no event at all counts as a failure (client-go: "very short watch"). */
export const SHORT_WATCH_MS = 1000;

/** `timeoutSeconds` of one watch request: uniformly in [min, 2 × min). */
export function watchTimeoutSeconds(
  minSeconds: number = MIN_WATCH_TIMEOUT_SECONDS,
  random: number = Math.random(),
): number {
  return Math.floor(minSeconds * (1 + random));
}

/** The client-side inactivity deadline of a watch with this `timeoutSeconds`, ms. */
export function watchInactivityMs(timeoutSeconds: number): number {
  return (timeoutSeconds + WATCH_DEADLINE_MARGIN_SECONDS) * 1000;
}
