import { LoggerService } from '@backstage/backend-plugin-api';
import {
  describeError,
  isExpired,
  KubeApiError,
  KubeClient,
  WatchEnd,
} from './kube';
import {
  SHORT_WATCH_MS,
  watchInactivityMs,
  watchTimeoutSeconds,
} from './watchTiming';

/** A change of one cached object. */
export interface InformerChange<P> {
  type: 'added' | 'modified' | 'deleted';
  key: string;
  object: P;
  previous?: P;
}

export interface InformerState {
  synced: boolean;
  /** The last LIST or WATCH failed and has not succeeded since. */
  failing: boolean;
  lastError?: string;
  /** The failure itself, for diagnosis; never serialize it. */
  cause?: unknown;
  /** When the cache stopped tracking the cluster (ISO); undefined while healthy. */
  staleSince?: string;
  lastSyncAt?: string;
}

export interface ResourceInformerOptions<P> {
  client: KubeClient;
  path: string;
  project: (raw: any) => P;
  logger: LoggerService;
  onChange: (change: InformerChange<P>) => void;
  onStateChange?: () => void;
  pageSize?: number;
  /** Backoff after failures: first delay and cap, in ms. */
  backoff?: { initialMs: number; maxMs: number };
  /** Shortest `timeoutSeconds` of a watch request (default 300, client-go's); tests shorten it. */
  minWatchTimeoutSeconds?: number;
}

/** Very short watches in a row that count as a failure. */
const SHORT_WATCHES_TO_FAIL = 3;

/** The longest an informer waits when the server asks for more (`Retry-After`). */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

const keyOf = (raw: any): string =>
  raw?.metadata?.namespace
    ? `${raw.metadata.namespace}/${raw.metadata.name}`
    : raw?.metadata?.name;

/**
 * Keeps an in-memory copy of one resource type: paged LIST, then WATCH from
 * the list's resourceVersion with bookmarks. A 410 (resourceVersion expired)
 * means relist; any other failure reconnects with exponential backoff while
 * the last data stays served, marked stale. This is the client-go reflector
 * pattern, which the API server's watch cache is designed for.
 *
 * A watch ending is not a failure: the server closes it at the
 * `timeoutSeconds` asked for (5–10 min, randomised), connections get cut,
 * and the client's own inactivity deadline may pass; the informer resumes
 * from the last resourceVersion it saw (bookmarks keep it current), with no
 * warning and no stale marker. Only a watch that cannot be opened again, an
 * ERROR event, or a stream that ends at once with nothing in it counts.
 */
export class ResourceInformer<P extends { resourceVersion: string }> {
  readonly #options: ResourceInformerOptions<P>;
  readonly #cache = new Map<string, P>();
  #state: InformerState = { synced: false, failing: false };
  #resourceVersion = '';
  #stopWatch?: () => void;
  #timer?: NodeJS.Timeout;
  #stopped = false;
  #failures = 0;
  /** Watches in a row that ended at once with nothing in them. */
  #shortWatches = 0;
  #syncedOnce?: () => void;
  readonly #firstSync: Promise<void>;

  constructor(options: ResourceInformerOptions<P>) {
    this.#options = options;
    this.#firstSync = new Promise(resolve => {
      this.#syncedOnce = resolve;
    });
  }

  start(): void {
    this.#stopped = false;
    void this.#relist();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#stopWatch?.();
    // Nobody waits forever for an informer that will never list.
    this.#syncedOnce?.();
  }

  /** Resolves after the first complete LIST (or when stopped before it). */
  whenSynced(): Promise<void> {
    return this.#firstSync;
  }

  get state(): InformerState {
    return { ...this.#state };
  }

  get(key: string): P | undefined {
    return this.#cache.get(key);
  }

  values(): IterableIterator<P> {
    return this.#cache.values();
  }

  get size(): number {
    return this.#cache.size;
  }

  /** Drops the open watch, as a network cut would; the informer resumes by itself. */
  dropWatch(): void {
    this.#stopWatch?.();
  }

  async #relist(): Promise<void> {
    if (this.#stopped) return;
    const { client, path, project, pageSize = 500 } = this.#options;
    try {
      const fresh = new Map<string, P>();
      let continueToken: string | undefined;
      let resourceVersion = '';
      do {
        const page = await client.list(path, {
          limit: pageSize,
          continueToken,
        });
        for (const raw of page.items) fresh.set(keyOf(raw), project(raw));
        continueToken = page.continueToken;
        resourceVersion = page.resourceVersion;
        // Yield between pages so a large first sync never blocks the event loop.
        await new Promise(resolve => setImmediate(resolve));
      } while (continueToken && !this.#stopped);
      if (this.#stopped) return;
      await this.#replace(fresh);
      this.#resourceVersion = resourceVersion;
      this.#succeeded();
      this.#syncedOnce?.();
      await this.#watch();
    } catch (error) {
      this.#failed(error, () => this.#relist());
    }
  }

  async #watch(): Promise<void> {
    if (this.#stopped) return;
    const { client, path, minWatchTimeoutSeconds } = this.#options;
    const timeoutSeconds = watchTimeoutSeconds(minWatchTimeoutSeconds);
    const openedAt = Date.now();
    let events = 0;
    let errorEvent: unknown;
    let stop: (() => void) | undefined;
    try {
      stop = await client.watch(
        path,
        {
          resourceVersion: this.#resourceVersion,
          allowWatchBookmarks: true,
          timeoutSeconds,
        },
        {
          inactivityMs: watchInactivityMs(timeoutSeconds),
          onEvent: (type, object) => {
            events += 1;
            if (type === 'ERROR') {
              errorEvent = KubeApiError.fromStatus(object);
              stop?.();
              return;
            }
            this.#apply(type, object);
          },
          onEnd: end =>
            this.#watchEnded(end, errorEvent, events, Date.now() - openedAt),
        },
      );
    } catch (error) {
      this.#failed(error, () => this.#watch());
      return;
    }
    if (this.#stopped) {
      stop();
      return;
    }
    this.#stopWatch = stop;
    // An ERROR event that came before we held the stop function.
    if (errorEvent) stop();
    // The stream is open: a reconnect after failures means we track the cluster again.
    if (this.#state.failing) this.#succeeded();
  }

  #watchEnded(
    end: WatchEnd,
    errorEvent: unknown,
    events: number,
    durationMs: number,
  ): void {
    if (this.#stopped) return;
    const { logger, path } = this.#options;
    if (isExpired(errorEvent)) {
      logger.info(`Watch of ${path} expired; relisting`);
      void this.#relist();
    } else if (errorEvent) {
      this.#failed(errorEvent, () => this.#watch());
    } else if (events === 0 && durationMs < SHORT_WATCH_MS) {
      // A server that accepts watches and drops them at once would be
      // hammered in a tight loop: wait a little before resuming, and count
      // it as a failure when it keeps happening (client-go: "very short watch").
      this.#shortWatches += 1;
      const reason = `the watch ended after ${durationMs} ms without any event${
        end.kind === 'error' ? ` (${describeError(end.error)})` : ''
      }`;
      if (this.#shortWatches >= SHORT_WATCHES_TO_FAIL) {
        this.#failed(new Error(reason), () => this.#watch());
      } else {
        logger.debug(`Watch of ${path}: ${reason}; resuming shortly`);
        clearTimeout(this.#timer);
        this.#timer = setTimeout(
          () => void this.#watch(),
          SHORT_WATCH_MS * this.#shortWatches,
        );
      }
    } else {
      // The server's timeoutSeconds, a cut connection, the client's deadline:
      // resume where we were, as client-go does.
      this.#shortWatches = 0;
      logger.debug(
        `Watch of ${path} ended (${
          end.kind === 'error' ? describeError(end.error) : end.kind
        }) after ${Math.round(durationMs / 1000)} s; resuming`,
      );
      void this.#watch();
    }
  }

  #apply(type: string, raw: any): void {
    const rv = raw?.metadata?.resourceVersion;
    if (rv) this.#resourceVersion = rv;
    if (type === 'BOOKMARK') return;
    const key = keyOf(raw);
    const previous = this.#cache.get(key);
    if (type === 'DELETED') {
      if (previous) {
        this.#cache.delete(key);
        this.#options.onChange({ type: 'deleted', key, object: previous });
      }
      return;
    }
    const object = this.#options.project(raw);
    this.#cache.set(key, object);
    this.#options.onChange({
      type: previous ? 'modified' : 'added',
      key,
      object,
      previous,
    });
  }

  /**
   * Swaps in a fresh LIST, emitting only what differs from the cache, and
   * yields every 250 changes: listeners index each change, and 10,000 in one
   * go blocked the event loop for ~200 ms (docs/benchmarks.md).
   */
  async #replace(fresh: Map<string, P>): Promise<void> {
    let emitted = 0;
    for (const [key, previous] of this.#cache) {
      if (!fresh.has(key)) {
        this.#cache.delete(key);
        this.#options.onChange({ type: 'deleted', key, object: previous });
      }
    }
    for (const [key, object] of fresh) {
      const previous = this.#cache.get(key);
      this.#cache.set(key, object);
      if (!previous) {
        this.#options.onChange({ type: 'added', key, object });
      } else if (previous.resourceVersion !== object.resourceVersion) {
        this.#options.onChange({ type: 'modified', key, object, previous });
      } else {
        continue;
      }
      emitted += 1;
      if (emitted % 250 === 0)
        await new Promise(resolve => setImmediate(resolve));
      if (this.#stopped) return;
    }
  }

  #succeeded(): void {
    this.#failures = 0;
    this.#state = {
      synced: true,
      failing: false,
      lastSyncAt: new Date().toISOString(),
    };
    this.#options.onStateChange?.();
  }

  #failed(error: unknown, retry: () => Promise<void>): void {
    if (this.#stopped) return;
    this.#failures += 1;
    const { initialMs, maxMs } = this.#options.backoff ?? {
      initialMs: 1000,
      maxMs: 30000,
    };
    const backoffMs = Math.min(maxMs, initialMs * 2 ** (this.#failures - 1));
    // A server that names its wait (429, some 503s) gets at least that.
    const askedMs =
      error instanceof KubeApiError && error.retryAfterSeconds !== undefined
        ? Math.min(MAX_RETRY_AFTER_MS, error.retryAfterSeconds * 1000)
        : 0;
    const delay = Math.max(backoffMs, askedMs);
    const message = describeError(error);
    this.#state = {
      ...this.#state,
      failing: true,
      lastError: message,
      cause: error,
      staleSince: this.#state.staleSince ?? new Date().toISOString(),
    };
    this.#options.logger.warn(
      `Sync of ${
        this.#options.path
      } failed (${message}); retrying in ${delay} ms`,
    );
    this.#options.onStateChange?.();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void retry(), delay);
  }
}
