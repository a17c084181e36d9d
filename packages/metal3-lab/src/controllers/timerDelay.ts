/**
 * Node runs a timer of more than 2^31-1 ms after 1 ms (with a warning): at a
 * very low lab speed (benchmarks use 0.0001) durations overflow, and the
 * controllers would race instead of standing still. Capped at ~24.8 days.
 */
export function timerDelay(ms: number): number {
  return Math.min(Math.max(0, ms), 2_147_483_647);
}
