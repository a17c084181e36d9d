import { ConflictError } from '@backstage/errors';
import { isConflict } from './kubeErrors';

export interface ConflictRetryOptions {
  /** Attempts in all, the first included (default 10). */
  attempts?: number;
  /** Upper bound of the first random pause in ms; it grows with each attempt (default 50). */
  backoffMs?: number;
}

/**
 * Runs `attempt` (read fresh, check, write conditionally on the
 * resourceVersion read) until it does not end in 409 Conflict. Each retry
 * re-reads, so the checks run again against what the other writer left.
 * Pauses are random (full jitter) so that N writers racing for one object
 * do not collide again in lock step. After the last attempt: a
 * ConflictError naming `what`, never a silent lost update.
 */
export async function withConflictRetry<T>(
  what: string,
  attempt: (n: number) => Promise<T>,
  options: ConflictRetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 10;
  const backoffMs = options.backoffMs ?? 50;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!isConflict(error)) throw error;
      if (n >= attempts) {
        throw new ConflictError(
          `${what} changed under ${attempts} attempts in a row (409 Conflict: ${
            (error as Error).message
          }); it was not changed, try again`,
        );
      }
      await new Promise(resolve =>
        setTimeout(resolve, Math.random() * backoffMs * n),
      );
    }
  }
}
