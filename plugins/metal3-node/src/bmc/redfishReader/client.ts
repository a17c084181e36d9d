import { BmcError } from '../types';
import { RedfishResponse, RedfishTransport } from './transport';
import { odataId } from './uri';

/** Collections are followed through nextLink up to this many members. */
const MAX_MEMBERS = 1_000;
const SERVICE_ROOT = '/redfish/v1/';
const DEFAULT_SESSIONS = '/redfish/v1/SessionService/Sessions';
const LOGOUT_TIMEOUT_MS = 5_000;

/**
 * An authenticated Redfish conversation with one BMC: a session when the
 * service offers one (logged out by `close`, re-created once on 401), Basic
 * authentication otherwise. Only reads; every URI comes from a link.
 */
export class RedfishClient {
  readonly #transport: RedfishTransport;
  readonly #username: string;
  readonly #password: string;
  #root?: Promise<any>;
  #login?: Promise<void>;
  #token?: string;
  #sessionUri?: string;
  #basic = false;
  #triedSession = false;
  #closed = false;
  readonly #preferBasic: boolean;

  /**
   * `preferBasic`: authenticate every request with Basic (Redfish requires
   * services to accept it) instead of opening a session; a fleet-wide read
   * then costs no login, no logout and no session slot on any BMC. A BMC that
   * refuses Basic gets a session after all.
   */
  constructor(
    transport: RedfishTransport,
    username: string,
    password: string,
    options: { preferBasic?: boolean } = {},
  ) {
    this.#transport = transport;
    this.#username = username;
    this.#password = password;
    this.#preferBasic = Boolean(options.preferBasic);
    this.#basic = this.#preferBasic;
  }

  /** The service root; Redfish serves it without credentials. */
  root(): Promise<any> {
    this.#root ??= this.#transport
      .request('GET', SERVICE_ROOT)
      .then(response => this.#expectOk(response, SERVICE_ROOT));
    return this.#root;
  }

  /** Logs in (once); a 401 is wrong credentials, a 403 a user without rights. */
  login(): Promise<void> {
    if (this.#preferBasic && !this.#triedSession) return Promise.resolve();
    this.#login ??= this.#createSession().catch(error => {
      this.#login = undefined;
      throw error;
    });
    return this.#login;
  }

  async get(uri: string): Promise<any> {
    await this.login();
    let response = await this.#transport.request('GET', uri, {
      headers: this.#authHeaders(),
    });
    const retryWithSession =
      response.status === 401 &&
      (this.#token || (this.#preferBasic && !this.#triedSession));
    if (retryWithSession) {
      // An expired session (BMCs time them out), or a BMC that wants one
      // instead of Basic: one new session, once.
      this.#triedSession = true;
      this.#basic = false;
      this.#login = undefined;
      this.#token = undefined;
      await this.login();
      response = await this.#transport.request('GET', uri, {
        headers: this.#authHeaders(),
      });
    }
    return this.#expectOk(response, uri);
  }

  /** A link's target, or undefined when the link is absent. */
  async follow(link: unknown): Promise<any | undefined> {
    const uri = odataId(link);
    return uri ? this.get(uri) : undefined;
  }

  /**
   * The members of a collection, each fetched unless the collection already
   * holds them expanded; `Members@odata.nextLink` pages are followed. Members
   * that fail to load are skipped (BMCs 500 on single resources).
   */
  async members(link: unknown, limit = MAX_MEMBERS): Promise<any[]> {
    const refs: any[] = [];
    let page = await this.follow(link);
    while (page) {
      refs.push(...(page.Members ?? []));
      const next = page['Members@odata.nextLink'];
      if (typeof next !== 'string' || refs.length >= limit) break;
      page = await this.get(next);
    }
    const loaded = await Promise.allSettled(
      refs
        .slice(0, limit)
        .map(ref =>
          Object.keys(ref).length > 1 || !odataId(ref)
            ? Promise.resolve(ref)
            : this.get(odataId(ref)!),
        ),
    );
    return loaded.flatMap(r =>
      r.status === 'fulfilled' && r.value ? [r.value] : [],
    );
  }

  /** Logs the session out; safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#login?.catch(() => undefined);
    const uri = this.#sessionUri;
    try {
      if (uri && this.#token) {
        // Even after a cancelled read: a leaked session locks operators out.
        await this.#transport
          .request('DELETE', uri, {
            headers: this.#authHeaders(),
            ignoreAbort: true,
            timeoutMs: LOGOUT_TIMEOUT_MS,
          })
          .catch(() => undefined);
      }
    } finally {
      this.#transport.close();
    }
  }

  /** Proves the credentials with an authenticated read (the service root is open). */
  async authenticate(): Promise<void> {
    await this.login();
    const root = await this.root();
    await this.get(odataId(root?.Systems) ?? '/redfish/v1/Systems');
  }

  async #createSession(): Promise<void> {
    this.#triedSession = true;
    const root = await this.root();
    const sessions = odataId(root?.Links?.Sessions) ?? DEFAULT_SESSIONS;
    // No Authorization header on the login itself: some BMCs refuse it.
    const response = await this.#transport.request('POST', sessions, {
      body: { UserName: this.#username, Password: this.#password },
    });
    const token = response.headers['x-auth-token'];
    if ((response.status === 201 || response.status === 200) && token) {
      const location = response.headers.location;
      if (location) {
        // The logout (with the token) goes where Location points: it must be
        // the BMC itself. A session we cannot log out stays open on the BMC
        // until it times out; that is the lesser harm.
        const url = this.#transport.resolve(String(location));
        this.#sessionUri = `${url.pathname}${url.search}`;
      } else {
        // Checked like any link when the logout is sent.
        this.#sessionUri = odataId(response.body);
      }
      this.#token = String(token);
      return;
    }
    if (response.status === 401 || response.status === 403) {
      throw this.#denied(response.status);
    }
    // No session service: Basic on every request, proven by an authenticated read.
    this.#basic = true;
    const systems = odataId(root?.Systems) ?? '/redfish/v1/Systems';
    const probe = await this.#transport.request('GET', systems, {
      headers: this.#authHeaders(),
    });
    this.#expectOk(probe, systems);
  }

  #authHeaders(): Record<string, string> {
    if (this.#token) return { 'X-Auth-Token': this.#token };
    if (this.#basic) {
      const basic = Buffer.from(`${this.#username}:${this.#password}`).toString(
        'base64',
      );
      return { Authorization: `Basic ${basic}` };
    }
    return {};
  }

  #denied(status: number): BmcError {
    return status === 403
      ? new BmcError(
          'forbidden',
          `BMC ${this.#transport.label} refused user ${
            this.#username
          }: not enough privilege`,
        )
      : new BmcError(
          'auth',
          `BMC ${this.#transport.label} rejected the credentials for user ${
            this.#username
          }`,
        );
  }

  #expectOk(response: RedfishResponse, uri: string): any {
    if (response.status >= 200 && response.status < 300)
      return response.body ?? {};
    if (response.status === 401 || response.status === 403) {
      throw this.#denied(response.status);
    }
    const message = redfishMessage(response.body);
    const where = `BMC ${this.#transport.label}: ${uri}`;
    if (response.status === 404) {
      throw new BmcError('not-found', `${where} does not exist`);
    }
    if (response.status === 405 || response.status === 501) {
      throw new BmcError('unsupported', `${where} is not supported`);
    }
    throw new BmcError(
      'protocol',
      `${where} answered ${response.status}${message ? `: ${message}` : ''}`,
    );
  }
}

/** The message of a Redfish error body; ExtendedInfo may be an object or an array. */
function redfishMessage(body: any): string | undefined {
  const error = body?.error;
  if (!error) return undefined;
  const info = error['@Message.ExtendedInfo'];
  const first = Array.isArray(info) ? info[0] : info;
  return first?.Message ?? error.message;
}
