/** The longest hold the client adds on its own when 429s keep coming. */
const MAX_BACKOFF_SECONDS = 16;

/**
 * What one API server asked of this client with its 429s. Every request to
 * that server passes this gate, so when API Priority and Fairness pushes
 * back, the informers and the writes all hold off together instead of each
 * learning it with a 429 of its own:
 *
 * - during a hold (the server's `Retry-After`) nothing is sent;
 * - after it, one request goes first as a probe while the others wait for
 *   its answer: accepted, and they all go; refused, and the next hold
 *   doubles (at least what the server asks, at most 16 s more), so a
 *   throttle that lasts costs a request per hold, not one per requester
 *   every second.
 */
export class ServerThrottle {
  #notBefore = 0;
  /** Refused probes in a row; 0 = not throttled. */
  #streak = 0;
  #probe?: Promise<void>;
  #probeDone?: () => void;

  /**
   * Waits until this request may be sent; true when it is the probe (its
   * outcome must be reported). Throws `tooLong` when the wait would end
   * after `deadline` (epoch ms).
   */
  async pass(
    deadline: number,
    tooLong: (ms: number) => Error,
  ): Promise<boolean> {
    for (;;) {
      const remaining = this.#notBefore - Date.now();
      if (remaining > 0) {
        if (Date.now() + remaining > deadline) throw tooLong(remaining);
        await sleep(remaining);
        continue;
      }
      if (this.#streak === 0) return false;
      if (!this.#probe) {
        this.#probe = new Promise(resolve => {
          this.#probeDone = resolve;
        });
        return true;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw tooLong(0);
      await Promise.race([this.#probe, sleep(left)]);
    }
  }

  /** The server accepted a request: the throttle is over. */
  accepted(): void {
    this.#streak = 0;
    this.#endProbe();
  }

  /**
   * The server refused a request with 429; returns the hold in seconds. The
   * first refusal and refused probes lengthen the hold; the other requests
   * of the wave that met the throttle only confirm it.
   */
  refused(retryAfterSeconds: number, wasProbe: boolean): number {
    if (wasProbe || this.#streak === 0) this.#streak += 1;
    const seconds = Math.max(
      retryAfterSeconds,
      Math.min(MAX_BACKOFF_SECONDS, 2 ** (this.#streak - 1)),
    );
    this.#notBefore = Math.max(this.#notBefore, Date.now() + seconds * 1000);
    if (wasProbe) this.#endProbe();
    return seconds;
  }

  /** The probe ended without an answer (network error): let the next one try. */
  abandoned(): void {
    this.#endProbe();
  }

  #endProbe(): void {
    const done = this.#probeDone;
    this.#probe = undefined;
    this.#probeDone = undefined;
    done?.();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
