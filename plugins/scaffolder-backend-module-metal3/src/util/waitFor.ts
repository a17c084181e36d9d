import { LoggerService } from '@backstage/backend-plugin-api';

/**
 * Polls `check` (a read of the watch cache: no API calls) until it returns
 * a value. Logs `progress()` to the task log whenever it changes, so a long
 * wait shows what it is waiting for; throws naming the last progress line
 * after `timeoutMs`.
 */
export async function waitFor<T>(options: {
  check: () => T | undefined | false;
  progress: () => string;
  logger: LoggerService;
  timeoutMs: number;
  intervalMs?: number;
  signal?: AbortSignal;
}): Promise<T> {
  const { check, progress, logger, timeoutMs, intervalMs = 1000 } = options;
  const end = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const value = check();
    const line = progress();
    if (line !== last) {
      logger.info(line);
      last = line;
    }
    if (value) return value;
    if (options.signal?.aborted) throw new Error(`Cancelled while: ${line}`);
    if (Date.now() > end) {
      throw new Error(
        `Timed out after ${Math.round(timeoutMs / 1000)} s: ${line}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}
