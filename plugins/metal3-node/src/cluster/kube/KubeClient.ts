import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  Configuration,
  KubeConfig,
  RequestContext,
  ResponseContext,
} from '@kubernetes/client-node';
import { describeError, KubeApiError } from './KubeApiError';
import { loadClientNode } from './loadKubeConfig';
import { ServerThrottle } from './ServerThrottle';
import { readWatchStream, WatchEnd, WatchEventHandler } from './watchStream';

/** One page of a LIST. @public */
export interface ListPage {
  items: any[];
  resourceVersion: string;
  continueToken?: string;
}

/** @public */
export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
}

/** @public */
export interface KubeClientOptions {
  /**
   * Builds the cluster's KubeConfig from the configuration as it is now
   * (files re-read): at creation, after a 401 and when `reload` is called.
   */
  load: () => Promise<KubeConfig>;
  logger?: LoggerService;
  /** Deadline of one request (not of a watch), ms (default 60 s): a hung API server must not hold a caller for undici's 5 minutes. */
  requestTimeoutMs?: number;
  /** Longest a request waits in total for 429 answers before it fails (default 30 s). */
  maxThrottleWaitMs?: number;
  /** At most one credential reload per this interval after 401s (default 5 s): a wrong token must not double every request. */
  minReloadIntervalMs?: number;
}

interface Connection {
  kc: KubeConfig;
  configuration: Configuration;
  server: string;
}

/** An HTTP method the client sends. @public */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A thin client over client-node's own HTTP stack (its KubeConfig auth, TLS
 * and undici dispatcher): raw JSON in and out, so projections see exactly
 * what the API server sent, with typed errors carrying the HTTP status
 * (410 Gone and 409 Conflict drive the informer and retries).
 *
 * The object lives as long as the cluster is configured; its credentials do
 * not: a 401 re-reads the configuration (kubeconfig file, token file,
 * in-cluster token, exec plugin) and retries once with what it finds, and
 * `reload` does the same on request. A 429 makes every request to the
 * cluster wait what the server asked (`Retry-After`), up to a bound.
 *
 * @public
 */
export class KubeClient {
  readonly #options: KubeClientOptions;
  readonly #k8s: Awaited<ReturnType<typeof loadClientNode>>;
  readonly #throttle = new ServerThrottle();
  #connection: Connection;
  #reloading?: Promise<void>;
  #reloadedAt = 0;

  private constructor(
    options: KubeClientOptions,
    k8s: Awaited<ReturnType<typeof loadClientNode>>,
    connection: Connection,
  ) {
    this.#options = options;
    this.#k8s = k8s;
    this.#connection = connection;
  }

  static async create(options: KubeClientOptions): Promise<KubeClient> {
    const k8s = await loadClientNode();
    return new KubeClient(options, k8s, connect(k8s, await options.load()));
  }

  /** The API server URL in use. */
  get server(): string {
    return this.#connection.server;
  }

  /**
   * Rebuilds the connection from the configuration as it is now; requests
   * already running finish with the old one. Rejects when the configuration
   * cannot be read (the old connection stays in use).
   */
  reload(reason: string): Promise<void> {
    this.#reloading ??= (async () => {
      try {
        const kc = await this.#options.load();
        this.#connection = connect(this.#k8s, kc);
        this.#options.logger?.info(`Credentials reloaded: ${reason}`);
      } finally {
        this.#reloadedAt = Date.now();
        this.#reloading = undefined;
      }
    })();
    return this.#reloading;
  }

  async request<T = any>(
    method: Method,
    path: string,
    options: RequestOptions = {},
  ): Promise<T> {
    const timeoutMs = this.#options.requestTimeoutMs ?? 60_000;
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(), timeoutMs);
    let response: ResponseContext;
    let body: unknown;
    try {
      response = await this.#exchange(
        method,
        path,
        ctx => {
          for (const [key, value] of Object.entries(options.query ?? {})) {
            if (value !== undefined) ctx.setQueryParam(key, String(value));
          }
          ctx.setHeaderParam('Accept', 'application/json');
          if (options.body !== undefined) {
            ctx.setHeaderParam(
              'Content-Type',
              options.contentType ?? 'application/json',
            );
            ctx.setBody(JSON.stringify(options.body));
          }
        },
        controller.signal,
      );
      body = await bodyOf(response);
    } catch (error) {
      if (controller.signal.aborted) {
        throw new Error(
          `${method} ${path}: no answer within ${Math.round(
            timeoutMs / 1000,
          )} s`,
        );
      }
      throw error;
    } finally {
      clearTimeout(deadline);
    }
    if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
      throw errorOf(response, body, method, path);
    }
    return body as T;
  }

  async list(
    path: string,
    options: {
      limit?: number;
      continueToken?: string;
      resourceVersion?: string;
    } = {},
  ): Promise<ListPage> {
    const body = await this.request('GET', path, {
      query: {
        limit: options.limit,
        continue: options.continueToken,
        resourceVersion: options.resourceVersion,
      },
    });
    return {
      items: body?.items ?? [],
      resourceVersion: body?.metadata?.resourceVersion ?? '',
      continueToken: body?.metadata?.continue || undefined,
    };
  }

  /**
   * Opens a WATCH and resolves once the server accepted it (rejects with a
   * KubeApiError when it answers anything but 200, or when no answer came
   * within the request deadline). Events arrive through `onEvent` (`ERROR` events
   * carry a Status object, e.g. 410 Expired); `onEnd` fires once when the
   * stream ends, saying why. The returned function closes the stream.
   *
   * Not client-node's `Watch`: it reports a refused watch as a bare status
   * text (no Status message, no `Retry-After`), and its fixed 30 s
   * inactivity timeout is shorter than the minute between a real API
   * server's bookmarks.
   */
  async watch(
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    handlers: {
      onEvent: WatchEventHandler;
      onEnd: (end: WatchEnd) => void;
      /** Client-side deadline without any data (bookmarks count), ms. */
      inactivityMs: number;
    },
  ): Promise<() => void> {
    const controller = new AbortController();
    // A real API server answers a watch at once (it flushes the headers
    // before any event); only the stream may then stay quiet for minutes.
    const answerMs = this.#options.requestTimeoutMs ?? 60_000;
    const answerDeadline = setTimeout(() => controller.abort(), answerMs);
    let response: ResponseContext;
    try {
      response = await this.#exchange(
        'GET',
        path,
        ctx => {
          ctx.setQueryParam('watch', 'true');
          for (const [key, value] of Object.entries(query)) {
            if (value !== undefined) ctx.setQueryParam(key, String(value));
          }
          ctx.setHeaderParam('Accept', 'application/json');
        },
        controller.signal,
      );
    } catch (error) {
      if (controller.signal.aborted) {
        throw new Error(
          `WATCH ${path}: no answer within ${Math.round(answerMs / 1000)} s`,
        );
      }
      throw error;
    } finally {
      clearTimeout(answerDeadline);
    }
    if (response.httpStatusCode !== 200) {
      throw errorOf(response, await bodyOf(response), 'WATCH', path);
    }
    const stream = readWatchStream({
      body: response.body.stream() as any,
      inactivityMs: handlers.inactivityMs,
      abort: () => controller.abort(),
      onEvent: handlers.onEvent,
      onEnd: handlers.onEnd,
    });
    return () => stream.stop();
  }

  /**
   * Sends one request: waits while the server throttles this client (see
   * ServerThrottle), retries once with reloaded credentials after a 401, and
   * retries 429 answers that name a wait (Retry-After) for up to
   * `maxThrottleWaitMs` in total. Such a 429 is safe to retry for every verb:
   * API Priority and Fairness rejects the request before anything is
   * executed (client-go retries them the same way).
   */
  async #exchange(
    method: Method,
    path: string,
    prepare: (ctx: RequestContext) => void,
    signal?: AbortSignal,
  ): Promise<ResponseContext> {
    const throttleDeadline =
      Date.now() + (this.#options.maxThrottleWaitMs ?? 30_000);
    const notSent = (holdMs: number) =>
      new KubeApiError(
        429,
        `${method} ${path}: the API server throttles this client (429); not sent, it asks to wait another ${Math.ceil(
          holdMs / 1000,
        )} s`,
        'TooManyRequests',
        [],
        Math.max(1, Math.ceil(holdMs / 1000)),
      );
    let reauthenticated = false;
    for (;;) {
      const probe = await this.#throttle.pass(throttleDeadline, notSent);
      const connection = this.#connection;
      let response: ResponseContext;
      try {
        const ctx = connection.configuration.baseServer.makeRequestContext(
          path,
          this.#k8s.HttpMethod[method],
        );
        prepare(ctx);
        if (signal) ctx.setSignal(signal);
        await connection.kc.applySecurityAuthentication(ctx);
        response = await connection.configuration.httpApi.send(ctx).toPromise();
      } catch (error) {
        if (probe) this.#throttle.abandoned();
        throw error;
      }
      if (response.httpStatusCode === 429) {
        const error = errorOf(response, await bodyOf(response), method, path);
        // Throttling names its wait (API Priority and Fairness always sends
        // Retry-After). A 429 without one is the request's own answer, e.g.
        // an eviction a PodDisruptionBudget refuses: the caller's to handle,
        // and no reason to hold the cluster's other requests. client-go's
        // checkWait retries a 429 only when it carries Retry-After.
        if (error.retryAfterSeconds === undefined) {
          // The server handled it: whatever held the cluster is over.
          this.#throttle.accepted();
          throw error;
        }
        const holdSeconds = this.#throttle.refused(
          error.retryAfterSeconds,
          probe,
        );
        this.#options.logger?.debug(
          `${method} ${path} throttled (429); holding requests for ${holdSeconds} s`,
        );
        if (Date.now() + holdSeconds * 1000 > throttleDeadline) throw error;
        continue;
      }
      this.#throttle.accepted();
      if (response.httpStatusCode === 401 && !reauthenticated) {
        reauthenticated = true;
        if (await this.#reauthenticate(connection)) {
          await discard(response);
          continue;
        }
      }
      return response;
    }
  }

  /**
   * After a 401 on `used`: true when a connection with reloaded credentials
   * is ready to try. Concurrent 401s share one reload, and a wrong token
   * reloads at most once per `minReloadIntervalMs`.
   */
  async #reauthenticate(used: Connection): Promise<boolean> {
    if (this.#connection !== used) return true;
    if (
      !this.#reloading &&
      Date.now() - this.#reloadedAt <
        (this.#options.minReloadIntervalMs ?? 5000)
    ) {
      return false;
    }
    try {
      await this.reload('the API server refused the credentials (401)');
    } catch (error) {
      this.#options.logger?.warn(
        `Cannot reload the credentials after a 401: ${describeError(error)}`,
      );
      return false;
    }
    return this.#connection !== used;
  }
}

function connect(
  k8s: Awaited<ReturnType<typeof loadClientNode>>,
  kc: KubeConfig,
): Connection {
  const server = kc.getCurrentCluster()!.server;
  const configuration = k8s.createConfiguration({
    baseServer: new k8s.ServerConfiguration(server, {}),
    authMethods: { default: kc },
  });
  return { kc, configuration, server };
}

async function bodyOf(response: ResponseContext): Promise<unknown> {
  const text = await response.body.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Reads and drops a body, so the connection can be reused. */
async function discard(response: ResponseContext): Promise<void> {
  await response.body.text().catch(() => undefined);
}

function errorOf(
  response: ResponseContext,
  body: unknown,
  method: string,
  path: string,
): KubeApiError {
  return KubeApiError.fromResponse(
    response.httpStatusCode,
    method,
    path,
    body,
    response.headers,
  );
}
