/**
 * What one API server asked of this client with its last 429: "nothing
 * before T". Every request to that server waits at this gate, so when API
 * Priority and Fairness pushes back on one informer the other nine and the
 * writes hold off too, instead of each learning it with a 429 of its own.
 */
export class ServerThrottle {
  #notBefore = 0;

  /** Records a server's `Retry-After`; a later deadline never shortens an earlier one. */
  hold(seconds: number, now: number = Date.now()): void {
    this.#notBefore = Math.max(this.#notBefore, now + seconds * 1000);
  }

  /** Milliseconds until the server accepts requests again (0 = now). */
  remainingMs(now: number = Date.now()): number {
    return Math.max(0, this.#notBefore - now);
  }

  /** Waits until the gate opens. */
  async pass(): Promise<void> {
    const remaining = this.remainingMs();
    if (remaining > 0) await new Promise(r => setTimeout(r, remaining));
  }
}
