import {
  Agent as HttpAgent,
  ClientRequest,
  IncomingHttpHeaders,
  request as httpRequest,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { GuardVerdict } from '../ssrf';
import { createLimiter } from '../service/limiter';
import { BmcError } from '../types';
import { retryAfterMs } from './retryAfter';

export interface RedfishResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or undefined for empty and non-JSON bodies (old iDRACs answer HTML). */
  body: any;
}

export interface RequestExtras {
  headers?: Record<string, string>;
  body?: unknown;
  /** For logouts: they must go out even when the read was cancelled. */
  ignoreAbort?: boolean;
  /** Overrides the request timeout (logouts are short). */
  timeoutMs?: number;
}

export interface TransportOptions {
  scheme: 'https' | 'http';
  host: string;
  port: number;
  guard: (host: string) => Promise<GuardVerdict>;
  rejectUnauthorized: boolean;
  ca?: string;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  retries: number;
  /** Larger response bodies fail the request (`metal3.bmc.maxResponseBytes`). */
  maxResponseBytes: number;
  signal?: AbortSignal;
}

/** 8 MiB: a Redfish collection page or log page is kilobytes; more is a broken or hostile BMC. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

const MAX_REDIRECTS = 3;
const MAX_RETRY_AFTER_MS = 10_000;
/** Per Redfish, BMC web servers handle few connections: two requests at once per BMC. */
const IN_FLIGHT_PER_BMC = 2;

const TLS_CODES =
  /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|EPROTO|HANDSHAKE|WRONG_VERSION/i;

/**
 * HTTP(S) to one BMC, on node:https. Every host is checked by the SSRF
 * guard once, before the first connection, and the connection goes to the
 * address the guard resolved (DNS cannot change in between); the TLS
 * identity check still uses the BMC's name. Redirect targets are checked the
 * same way. Every URI a request is made for must resolve to the BMC's own
 * origin: `@odata.id`, `Links.Sessions`, a session's `Location` and
 * `nextLink` come from the BMC, and one pointing elsewhere would carry the
 * credentials (Basic, X-Auth-Token, the login body) there. GETs are retried
 * on 5xx, resets and 503 (honouring Retry-After), bodies are capped. Errors
 * say which BMC and why, never with credentials.
 */
export class RedfishTransport {
  readonly #options: TransportOptions;
  readonly #limit = createLimiter(IN_FLIGHT_PER_BMC);
  readonly #verdicts = new Map<string, Promise<GuardVerdict>>();
  // Two kept-alive connections per BMC: a TLS handshake per request costs
  // more than the request itself when a fleet is read at once.
  readonly #agents = {
    https: new HttpsAgent({ keepAlive: true, maxSockets: IN_FLIGHT_PER_BMC }),
    http: new HttpAgent({ keepAlive: true, maxSockets: IN_FLIGHT_PER_BMC }),
  };

  constructor(options: TransportOptions) {
    this.#options = options;
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.#agents.https.destroy();
    this.#agents.http.destroy();
  }

  get label(): string {
    return this.#options.host;
  }

  /** `scheme://host:port` of the BMC; every request stays on it. */
  get origin(): string {
    return new URL(
      `${this.#options.scheme}://${bracket(this.#options.host)}:${
        this.#options.port
      }`,
    ).origin;
  }

  /**
   * `uri` (absolute, or relative to the BMC) as a URL on the BMC's origin;
   * a BmcError of kind `refused` when it points at another host, port or
   * scheme. Nothing is sent for a refused URI.
   */
  resolve(uri: string): URL {
    const origin = this.origin;
    let url: URL;
    try {
      url = new URL(uri, `${origin}/`);
    } catch {
      throw new BmcError(
        'protocol',
        `BMC ${this.#options.host} gave a link that is not a URI`,
      );
    }
    if (url.origin !== origin) {
      // URL.origin never includes userinfo, so the message carries none.
      throw new BmcError(
        'refused',
        `BMC ${this.#options.host} linked to ${
          url.origin
        }, outside its own origin ${origin}; not followed, no credentials sent`,
      );
    }
    return url;
  }

  request(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: RequestExtras = {},
  ): Promise<RedfishResponse> {
    return this.#limit(() => this.#withRetries(method, path, options));
  }

  async #withRetries(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: RequestExtras,
  ): Promise<RedfishResponse> {
    const url = this.resolve(path);
    const retries = method === 'GET' ? this.#options.retries : 0;
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await this.#follow(method, url, options);
        const busy = response.status === 503 || response.status >= 500;
        if (!busy || attempt >= retries) return response;
        await this.#pause(retryDelay(response.headers['retry-after'], attempt));
      } catch (error) {
        const retryable =
          error instanceof BmcError &&
          error.kind === 'connect' &&
          /ECONNRESET|socket hang up/.test(error.message);
        if (!retryable || attempt >= retries) throw error;
        await this.#pause(retryDelay(undefined, attempt));
      }
    }
  }

  async #follow(
    method: 'GET' | 'POST' | 'DELETE',
    start: URL,
    options: RequestExtras,
  ): Promise<RedfishResponse> {
    let url = start;
    const origin = url.origin;
    let current = options;
    for (let hop = 0; ; hop++) {
      const response = await this.#once(method, url, current);
      const location = response.headers.location;
      // A login answers 201 with a Location: only GETs follow redirects.
      if (
        method !== 'GET' ||
        response.status < 300 ||
        response.status >= 400 ||
        !location
      ) {
        return response;
      }
      if (hop >= MAX_REDIRECTS) {
        throw new BmcError(
          'protocol',
          `BMC ${
            this.#options.host
          } redirected more than ${MAX_REDIRECTS} times`,
        );
      }
      // The redirect target is checked like the first host (in #once).
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new BmcError(
          'protocol',
          `BMC ${
            this.#options.host
          } redirected to something that is not a URL; refused`,
        );
      }
      if (url.protocol === 'https:' && next.protocol !== 'https:') {
        throw new BmcError(
          'protocol',
          `BMC ${this.#options.host} redirected to plain HTTP (${
            next.host
          }); refused`,
        );
      }
      if (next.origin !== origin) {
        // Credentials stay with the BMC they belong to.
        const {
          Authorization: _a,
          'X-Auth-Token': _t,
          ...kept
        } = current.headers ?? {};
        current = { ...current, headers: kept };
      }
      url = next;
    }
  }

  #verdict(host: string): Promise<GuardVerdict> {
    let verdict = this.#verdicts.get(host);
    if (!verdict) {
      verdict = this.#options.guard(host);
      this.#verdicts.set(host, verdict);
    }
    return verdict;
  }

  async #once(
    method: string,
    url: URL,
    options: RequestExtras,
  ): Promise<RedfishResponse> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const verdict = await this.#verdict(host);
    if (!verdict.ok) throw new BmcError('refused', verdict.message);
    const signal = options.ignoreAbort ? undefined : this.#options.signal;
    const requestTimeoutMs =
      options.timeoutMs ?? this.#options.requestTimeoutMs;
    if (signal?.aborted) {
      throw new BmcError('timeout', `Reading BMC ${host} was cancelled`);
    }
    const https = url.protocol === 'https:';
    const port = Number(url.port) || (https ? 443 : 80);
    const body =
      options.body === undefined ? undefined : JSON.stringify(options.body);
    return new Promise<RedfishResponse>((resolve, reject) => {
      let req: ClientRequest | undefined = undefined;
      let requestTimer: NodeJS.Timeout | undefined = undefined;
      const fail = (error: BmcError) => {
        req?.destroy();
        reject(error);
      };
      req = (https ? httpsRequest : httpRequest)(
        {
          method,
          host: verdict.address,
          port,
          path: `${url.pathname}${url.search}`,
          agent: https ? this.#agents.https : this.#agents.http,
          headers: {
            Host: url.host,
            Accept: 'application/json',
            'OData-Version': '4.0',
            ...(body !== undefined && {
              'Content-Type': 'application/json',
              'Content-Length': String(Buffer.byteLength(body)),
            }),
            ...options.headers,
          },
          ...(https && {
            servername: isIP(host) ? undefined : host,
            rejectUnauthorized: this.#options.rejectUnauthorized,
            ca: this.#options.ca,
          }),
        },
        res => {
          const chunks: Buffer[] = [];
          let received = 0;
          const tooLarge = () =>
            new BmcError(
              'too-large',
              `BMC ${host}:${port} answered ${method} ${
                url.pathname
              } with more than ${mebibytes(
                this.#options.maxResponseBytes,
              )}; refused (metal3.bmc.maxResponseBytes)`,
            );
          if (
            Number(res.headers['content-length']) >
            this.#options.maxResponseBytes
          ) {
            fail(tooLarge());
            return;
          }
          res.on('data', (chunk: Buffer) => {
            received += chunk.length;
            // Stop reading at the cap: a BMC streaming without end must
            // not fill the backend's memory.
            if (received > this.#options.maxResponseBytes) fail(tooLarge());
            else chunks.push(chunk);
          });
          res.on('error', error =>
            fail(connectionError(host, port, error as NodeJS.ErrnoException)),
          );
          res.on('end', () => {
            clearTimeout(requestTimer);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: parseJson(Buffer.concat(chunks).toString('utf8')),
            });
          });
        },
      );
      const connectTimer = setTimeout(
        () =>
          fail(
            new BmcError(
              'connect',
              `BMC ${host}:${port} did not accept a connection within ${seconds(
                this.#options.connectTimeoutMs,
              )}`,
            ),
          ),
        this.#options.connectTimeoutMs,
      );
      requestTimer = setTimeout(
        () =>
          fail(
            new BmcError(
              'timeout',
              `BMC ${host}:${port} did not answer ${method} ${
                url.pathname
              } within ${seconds(requestTimeoutMs)}`,
            ),
          ),
        requestTimeoutMs,
      );
      req.on('socket', socket => {
        // A kept-alive socket is connected already.
        if (!socket.connecting) clearTimeout(connectTimer);
        socket.once(https ? 'secureConnect' : 'connect', () =>
          clearTimeout(connectTimer),
        );
      });
      const onAbort = () =>
        fail(new BmcError('timeout', `Reading BMC ${host} was cancelled`));
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('close', () => {
        clearTimeout(connectTimer);
        clearTimeout(requestTimer);
        signal?.removeEventListener('abort', onAbort);
      });
      req.on('error', error => {
        clearTimeout(connectTimer);
        clearTimeout(requestTimer);
        reject(connectionError(host, port, error as NodeJS.ErrnoException));
      });
      req.end(body);
    });
  }

  #pause(ms: number): Promise<void> {
    return new Promise(resolve => setTimeout(resolve, ms));
  }
}

function connectionError(
  host: string,
  port: number,
  error: NodeJS.ErrnoException,
): BmcError {
  const code = error.code ?? error.message;
  if (TLS_CODES.test(code)) {
    return new BmcError(
      'tls',
      `TLS with BMC ${host}:${port} failed (${code}); set disableCertificateVerification for a self-signed certificate or trust its CA`,
    );
  }
  return new BmcError('connect', `Cannot reach BMC ${host}:${port} (${code})`);
}

/** Retry-After (seconds or an HTTP date) up to 10 s, else a growing pause. */
function retryDelay(
  retryAfter: string | string[] | undefined,
  attempt: number,
) {
  const asked = retryAfterMs(retryAfter, Date.now());
  if (asked !== undefined) return Math.min(asked, MAX_RETRY_AFTER_MS);
  return 500 * (attempt + 1);
}

function parseJson(text: string): any {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function bracket(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

function mebibytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MiB`
    : `${bytes} bytes`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
