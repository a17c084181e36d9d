/**
 * Polls `check` every 50 ms until it returns a truthy value (returned), or
 * throws after `timeoutMs`; `why` adds context to the failure (the lab's
 * tests name the controllers' last error).
 */
export async function eventually<T>(
  check: () => T | undefined | false,
  options: { timeoutMs?: number; why?: () => string } = {},
): Promise<T> {
  const end = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) {
      const why = options.why?.();
      throw new Error(`condition not met in time${why ? ` (${why})` : ''}`);
    }
    await new Promise(r => setTimeout(r, 50));
  }
}
