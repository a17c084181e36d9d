import { randomBytes } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import { AddressInfo, Socket } from 'node:net';
import { ApiFaults } from '../types';
import { generateCertificates, LabCertificates } from './certificates';
import { ObjectStore } from './ObjectStore';
import {
  loadResourceDefinitions,
  ResourceDefinition,
} from './resourceRegistry';
import { discoveryAnswer, groupIndex } from './discovery';
import { pathNotFound, sendError, sendJson } from './http';
import { kubeconfigFor } from './kubeconfig';
import { openWatches } from './openWatches';
import { AdminRequest, requestGate } from './requestGate';
import { serveResource } from './resourceHandlers';
import { resolveTarget } from './target';
import { authorize, Decision } from '../rbac/authorizer';
import { bearerAuthenticator } from '../rbac/authentication';
import { confirmNoEscalation } from '../rbac/escalation';
import { forbidden } from '../rbac/forbidden';
import { rbacFromStore } from '../rbac/rbacObjects';
import {
  RequestAttributes,
  requestAttributes,
} from '../rbac/requestAttributes';
import { UserInfo } from '../rbac/userInfo';

/** One authorization decision, as an audit log records it. *
/** One authorization decision, as an audit log records it. * @public
/** One authorization decision, as an audit log records it. */
export interface AuthorizationRecord {
  user: UserInfo;
  request: RequestAttributes;
  decision: Decision;
}

/** @public */
export interface ApiServerOptions {
  store: ObjectStore;
  clusterName: string;
  host?: string;
  port?: number;
  definitions?: ResourceDefinition[];
  faults?: ApiFaults;
  /**
   * Test knob: interval of watch BOOKMARK events, ms. Default: about a
   * minute, as kube-apiserver; only tests that cannot wait shorten it.
   */
  bookmarkIntervalMs?: number;
  /**
   * kube-apiserver's `--min-request-timeout`, seconds (default 1800): a watch
   * without `timeoutSeconds` closes after a random time between this and
   * twice this. Test knob, to see that close without waiting half an hour.
   */
  minRequestTimeoutSeconds?: number;
  /**
   * The lab's admin endpoints (`/lab/v1/...`: faults, token rotation). Same
   * bearer token as the API; not subject to the faults themselves, so an
   * outage can be ended early.
   */
  admin?: (request: AdminRequest) => unknown;
  /** Reuse a CA, certificate and token (so kubeconfigs stay valid across restarts). */
  identity?: { certificates: LabCertificates; token: string };
  /**
   * The key ServiceAccount tokens are signed with (kept across restarts so
   * issued tokens stay valid, as a cluster's service-account key). Default:
   * a new one.
   */
  serviceAccountKey?: Buffer;
}

/** @public */
export interface RunningApiServer {
  url: string;
  caPem: string;
  /** The bearer token the server accepts now. */
  readonly token: string;
  /**
   * Accepts only `token` from now on. As kube-apiserver authenticates at the
   * start of a request, open watches keep running until they close.
   */
  setToken(token: string): void;
  kubeconfig(): string;
  /** Closes every open watch, as a network cut would. */
  dropWatches(): void;
  /**
   * Every authorization decision from now on (the audit log's view: who,
   * what, allowed by which rule or why not). Returns an unsubscribe function.
   */
  onAuthorization(listener: (record: AuthorizationRecord) => void): () => void;
  stop(): Promise<void>;
}

/**
 * A Kubernetes-API-compatible HTTPS server over one ObjectStore: what
 * `kubectl` and `@kubernetes/client-node` need (discovery, CRUD, patches,
 * status and scale subresources, paged lists, watches with bookmarks and 410
 * Gone, Table output, Status errors). This file is the server itself; each
 * kind of request has its own home (requestGate, discovery, resourceHandlers,
 * openWatches).
 *
 * @public
 */
export async function startApiServer(
  options: ApiServerOptions,
): Promise<RunningApiServer> {
  const { store, clusterName } = options;
  const definitions = options.definitions ?? loadResourceDefinitions();
  const faults = options.faults ?? {};
  const certificates = options.identity?.certificates ?? generateCertificates();
  let token = options.identity?.token ?? randomBytes(24).toString('hex');
  const watches = openWatches();
  const byGroup = groupIndex(definitions);
  const serviceAccountKey = options.serviceAccountKey ?? randomBytes(32);
  const gate = requestGate({
    faults,
    authenticate: bearerAuthenticator({
      adminToken: () => token,
      signingKey: serviceAccountKey,
      store,
    }),
    admin: options.admin,
  });
  const rbac = rbacFromStore(store);
  const auditors = new Set<(record: AuthorizationRecord) => void>();
  const resources = {
    store,
    faults,
    watches,
    serviceAccountKey,
    watchTiming: {
      bookmarkIntervalMs: options.bookmarkIntervalMs,
      minRequestTimeoutSeconds: options.minRequestTimeoutSeconds,
    },
  };

  const server = https.createServer(
    { cert: certificates.certPem, key: certificates.keyPem },
    (req, res) => {
      handle(req, res).catch(error => sendError(res, error));
    },
  );
  // Every TCP connection, also those still in their TLS handshake, which
  // closeAllConnections() does not know yet: a stop must not wait for them.
  const sockets = new Set<Socket>();
  server.on('connection', socket => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const user = await gate(req, res);
    if (!user) return;
    const url = new URL(req.url ?? '/', 'https://lab');
    // RBAC for every identity but system:masters (the lab's admin token).
    const request = requestAttributes(req.method ?? 'GET', url);
    const decision = authorize(user, request, rbac);
    for (const auditor of auditors) auditor({ user, request, decision });
    if (!decision.allowed) throw forbidden(user, request, decision.reason);
    const discovery = discoveryAnswer(url.pathname, definitions, byGroup);
    if (discovery !== undefined) {
      sendJson(res, 200, discovery);
      return;
    }
    const target = resolveTarget(
      byGroup,
      url.pathname.split('/').filter(Boolean),
    );
    if (!target) throw pathNotFound();
    await serveResource(resources, req, res, url, target, object =>
      confirmNoEscalation(user, object, rbac),
    );
  }

  // A taken port rejects (EADDRINUSE) instead of an uncaught 'error' event.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `https://${address.address}:${address.port}`;

  // Faults close every open watch at once, as an API server restart would.
  const outageTimer = setInterval(() => {
    if (faults.unavailableUntil && Date.now() < faults.unavailableUntil)
      watches.dropAll();
  }, 250);
  outageTimer.unref();

  return {
    url,
    caPem: certificates.caPem,
    get token() {
      return token;
    },
    setToken: next => {
      token = next;
    },
    kubeconfig: () =>
      kubeconfigFor([
        { name: clusterName, url, caPem: certificates.caPem, token },
      ]),
    dropWatches: () => watches.dropAll(),
    onAuthorization: listener => {
      auditors.add(listener);
      return () => auditors.delete(listener);
    },
    stop: async () => {
      clearInterval(outageTimer);
      watches.dropAll();
      const closed = new Promise<void>(resolve =>
        server.close(() => resolve()),
      );
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
