import { LoggerService } from '@backstage/backend-plugin-api';
import { describeError, isExpired, KubeApiError, KubeClient } from './kube';

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
}

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
  }

  /** Resolves after the first complete LIST. */
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
    const { client, path } = this.#options;
    let expired = false;
    let closed = false;
    let lastError: unknown;
    this.#stopWatch = await client.watch(
      path,
      { resourceVersion: this.#resourceVersion, allowWatchBookmarks: true },
      (type, object) => {
        if (type === 'ERROR') {
          lastError = KubeApiError.fromStatus(object);
          expired = isExpired(lastError);
          this.#stopWatch?.();
          return;
        }
        this.#apply(type, object);
      },
      error => {
        closed = true;
        if (this.#stopped) return;
        if (expired) {
          this.#options.logger.info(`Watch of ${path} expired; relisting`);
          void this.#relist();
        } else if (error ?? lastError) {
          this.#failed(error ?? lastError, () => this.#watch());
        } else {
          // A clean close (server timeout, idle connection): resume where we were.
          void this.#watch();
        }
      },
    );
    // The stream is open: a reconnect after failures means we track the cluster again.
    if (!closed && this.#state.failing) this.#succeeded();
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
    const delay = Math.min(maxMs, initialMs * 2 ** (this.#failures - 1));
    const message = describeError(error);
    this.#state = {
      ...this.#state,
      failing: true,
      lastError: message,
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
