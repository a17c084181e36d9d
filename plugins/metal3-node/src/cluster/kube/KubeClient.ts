import type { Configuration, KubeConfig } from '@kubernetes/client-node';
import { KubeApiError } from './KubeApiError';
import { loadClientNode } from './loadKubeConfig';

/** One page of a LIST. */
export interface ListPage {
  items: any[];
  resourceVersion: string;
  continueToken?: string;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
}

export type WatchEventHandler = (type: string, object: any) => void;

/**
 * A thin client over client-node's own HTTP stack (its KubeConfig auth, TLS
 * and undici dispatcher): raw JSON in and out, so projections see exactly
 * what the API server sent, with typed errors carrying the HTTP status
 * (410 Gone and 409 Conflict drive the informer and retries).
 */
export class KubeClient {
  readonly #kc: KubeConfig;
  readonly #configuration: Configuration;
  readonly #k8s: Awaited<ReturnType<typeof loadClientNode>>;

  private constructor(
    kc: KubeConfig,
    configuration: Configuration,
    k8s: Awaited<ReturnType<typeof loadClientNode>>,
  ) {
    this.#kc = kc;
    this.#configuration = configuration;
    this.#k8s = k8s;
  }

  static async create(kc: KubeConfig): Promise<KubeClient> {
    const k8s = await loadClientNode();
    const server = kc.getCurrentCluster()!.server;
    const configuration = k8s.createConfiguration({
      baseServer: new k8s.ServerConfiguration(server, {}),
      authMethods: { default: kc },
    });
    return new KubeClient(kc, configuration, k8s);
  }

  async request<T = any>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    options: RequestOptions = {},
  ): Promise<T> {
    const { HttpMethod } = this.#k8s;
    const ctx = this.#configuration.baseServer.makeRequestContext(
      path,
      HttpMethod[method],
    );
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
    await this.#kc.applySecurityAuthentication(ctx);
    const response = await this.#configuration.httpApi.send(ctx).toPromise();
    const text = await response.body.text();
    const body = text ? safeParse(text) : undefined;
    if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
      throw KubeApiError.fromResponse(
        response.httpStatusCode,
        method,
        path,
        body,
      );
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
   * Opens a WATCH. Events arrive through `onEvent` (`ERROR` events carry a
   * Status object, e.g. 410 Expired); `onDone` fires once when the stream ends
   * for any reason. The returned function closes the stream.
   */
  async watch(
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    onEvent: WatchEventHandler,
    onDone: (error?: unknown) => void,
  ): Promise<() => void> {
    const watcher = new this.#k8s.Watch(this.#kc);
    const controller = await watcher.watch(
      path,
      query,
      (type, object) => onEvent(type, object),
      error => onDone(error ?? undefined),
    );
    return () => controller.abort();
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
