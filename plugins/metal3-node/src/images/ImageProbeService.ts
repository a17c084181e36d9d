import type { UrlProbe } from '@metal3-fleet/plugin-metal3-common';
import { createLimiter } from '../bmc/service/limiter';
import { headRequest, HeadResult } from './headRequest';
import type { ImageProbeSettings } from './imageProbeSettings';

/** How many URLs are remembered at most (one entry per distinct URL). */
const MAX_ENTRIES = 10_000;

/**
 * HEAD probes of image and checksum URLs, cached per URL for
 * `cacheSeconds`, at most `maxInFlight` at once, one probe per URL at a time
 * however many callers ask. A URL never probed has no result (the checks say
 * "not probed yet"); an expired result is still served while the next probe
 * runs, with the time it was taken.
 *
 * @public
 */
export class ImageProbeService {
  readonly #settings: ImageProbeSettings;
  readonly #now: () => number;
  readonly #limit: ReturnType<typeof createLimiter>;
  readonly #results = new Map<string, { at: number; probe: UrlProbe }>();
  readonly #running = new Map<string, Promise<UrlProbe>>();

  constructor(
    settings: ImageProbeSettings,
    options: { now?: () => number } = {},
  ) {
    this.#settings = settings;
    this.#now = options.now ?? Date.now;
    this.#limit = createLimiter(settings.maxInFlight);
  }

  /** The last results of these URLs (those probed at least once). */
  results(urls: Iterable<string>): Record<string, UrlProbe> {
    const results: Record<string, UrlProbe> = {};
    for (const url of urls) {
      const known = this.#results.get(url);
      if (known) results[url] = known.probe;
    }
    return results;
  }

  /** Starts probes of the URLs without a fresh result; returns at once. */
  refresh(urls: Iterable<string>): void {
    for (const url of urls) {
      if (!this.#isFresh(url)) void this.probe(url);
    }
  }

  /** Probes one URL now (or joins the probe running), and remembers the result. */
  probe(url: string): Promise<UrlProbe> {
    const running = this.#running.get(url);
    if (running) return running;
    const work = this.#limit(() => this.#probeNow(url)).finally(() =>
      this.#running.delete(url),
    );
    this.#running.set(url, work);
    return work;
  }

  /** Probes every URL that has no fresh result, and waits for them. */
  async probeAll(urls: Iterable<string>): Promise<Record<string, UrlProbe>> {
    const list = [...urls];
    await Promise.all(
      list.filter(url => !this.#isFresh(url)).map(url => this.probe(url)),
    );
    return this.results(list);
  }

  #isFresh(url: string): boolean {
    const known = this.#results.get(url);
    return (
      known !== undefined &&
      this.#now() - known.at < this.#settings.cacheSeconds * 1000
    );
  }

  async #probeNow(url: string): Promise<UrlProbe> {
    const { guard } = this.#settings;
    const result: HeadResult =
      'off' in guard
        ? { skipped: guard.off }
        : await headRequest(url, {
            guard,
            timeoutMs: this.#settings.timeoutMs,
          });
    const at = this.#now();
    const probe: UrlProbe = {
      ...result,
      checkedAt: new Date(at).toISOString(),
    };
    if (this.#results.size >= MAX_ENTRIES && !this.#results.has(url)) {
      // Oldest first: a Map iterates in insertion order.
      const oldest = this.#results.keys().next().value;
      if (oldest !== undefined) this.#results.delete(oldest);
    }
    this.#results.delete(url);
    this.#results.set(url, { at, probe });
    return probe;
  }
}
