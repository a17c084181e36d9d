/* eslint-disable consistent-return -- handlers end by sending a response; what they return is never used */
import { randomBytes } from 'node:crypto';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { LabApiError } from '../errors';
import {
  ApiFaults,
  FieldValidation,
  KubeObject,
  ResourceKey,
  WriteOptions,
} from '../types';
import { admitSchema } from '../admission/admission';
import { generateCertificates, LabCertificates } from './certificates';
import { ObjectStore, notFound } from './ObjectStore';
import { jsonPatch, mergePatch } from './patch';
import {
  loadResourceDefinitions,
  ResourceDefinition,
} from './resourceRegistry';
import { toTable } from './table';
import { openApiDocument, openApiIndex } from './openApi';
import { decodeProtobufObject } from './protobuf';
import { recordManager } from './managedFields';
import { convertCapiObject } from '../conversion/capiConversion';
import { serveWatch } from './watch';
import { priorityAndFairnessRejection } from './priorityAndFairness';

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
}

/** A request to a `/lab/v1/...` admin endpoint, authenticated. */
export interface AdminRequest {
  method: string;
  /** The path, e.g. `/lab/v1/faults`. */
  path: string;
  /** The JSON body of a POST. */
  body: unknown;
}

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
  stop(): Promise<void>;
}

interface Target {
  definition: ResourceDefinition;
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/**
 * A Kubernetes-API-compatible HTTPS server over one ObjectStore: what
 * `kubectl` and `@kubernetes/client-node` need (discovery, CRUD, patches,
 * status and scale subresources, paged lists, watches with bookmarks and 410
 * Gone, Table output, Status errors). Only the storage version of each kind is
 * served until the schema layer brings conversion.
 */
export async function startApiServer(
  options: ApiServerOptions,
): Promise<RunningApiServer> {
  const { store, clusterName } = options;
  const definitions = options.definitions ?? loadResourceDefinitions();
  const faults = options.faults ?? {};
  const certificates = options.identity?.certificates ?? generateCertificates();
  let token = options.identity?.token ?? randomBytes(24).toString('hex');
  const watches = new Set<() => void>();
  const rejectTooManyRequests = priorityAndFairnessRejection();

  const byGroup = new Map<string, ResourceDefinition[]>();
  for (const d of definitions)
    byGroup.set(d.group, [...(byGroup.get(d.group) ?? []), d]);

  const server = https.createServer(
    { cert: certificates.certPem, key: certificates.keyPem },
    (req, res) => {
      handle(req, res).catch(error => sendError(res, error));
    },
  );

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    if (req.url?.startsWith('/lab/v1/') && options.admin) {
      if (req.headers.authorization !== `Bearer ${token}`) {
        throw new LabApiError(401, 'Unauthorized', 'Unauthorized');
      }
      const body = req.method === 'POST' ? await readBody(req) : undefined;
      const path = new URL(req.url, 'https://lab').pathname;
      const answer = await options.admin({
        method: req.method ?? 'GET',
        path,
        body,
      });
      return sendJson(res, 200, answer);
    }
    if (faults.latencyMs)
      await new Promise(r => setTimeout(r, faults.latencyMs));
    if (faults.unavailableUntil && Date.now() < faults.unavailableUntil) {
      throw new LabApiError(
        503,
        'ServiceUnavailable',
        'the lab API server is unavailable (injected fault)',
      );
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      throw new LabApiError(401, 'Unauthorized', 'Unauthorized');
    }
    // APF runs after authentication in kube-apiserver's handler chain.
    if (faults.throttledUntil && Date.now() < faults.throttledUntil)
      return rejectTooManyRequests(res);
    const url = new URL(req.url ?? '/', 'https://lab');
    const segments = url.pathname.split('/').filter(Boolean);
    if (url.pathname === '/version') return sendJson(res, 200, versionInfo());
    if (url.pathname === '/api') {
      return sendJson(res, 200, {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [],
      });
    }
    if (url.pathname === '/apis') return sendJson(res, 200, groupList());
    if (url.pathname === '/openapi/v3')
      return sendJson(res, 200, openApiIndex(definitions));
    if (segments[0] === 'openapi' && segments[1] === 'v3') {
      const [group, version] =
        segments[2] === 'api' ? ['', segments[3]] : [segments[3], segments[4]];
      const document = openApiDocument(definitions, group, version);
      if (!document) throw pathNotFound();
      return sendJson(res, 200, document);
    }
    if (segments[0] === 'api' && segments.length === 2)
      return sendJson(res, 200, resourceList('', segments[1]));
    if (segments[0] === 'apis' && segments.length === 2) {
      const group = groupOf(segments[1]);
      if (!group) throw pathNotFound();
      return sendJson(res, 200, {
        kind: 'APIGroup',
        apiVersion: 'v1',
        ...group,
      });
    }
    if (segments[0] === 'apis' && segments.length === 3) {
      return sendJson(res, 200, resourceList(segments[1], segments[2]));
    }
    const target = resolveTarget(segments);
    if (!target) throw pathNotFound();
    await route(req, res, url, target);
  }

  function versionInfo() {
    return {
      major: '1',
      minor: '33',
      gitVersion: 'v1.33.0-metal3-lab',
      platform: 'linux/amd64',
      goVersion: 'go1.24',
    };
  }

  function groupOf(name: string) {
    const defs = byGroup.get(name);
    if (!defs || name === '') return undefined;
    // The storage version is the preferred one (CAPI v1beta2 before v1beta1).
    const versions = [
      ...new Set(defs.flatMap(d => [d.storageVersion, ...d.versions])),
    ].map(v => ({ groupVersion: `${name}/${v}`, version: v }));
    return { name, versions, preferredVersion: versions[0] };
  }

  function groupList() {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...byGroup.keys()]
        .filter(g => g !== '')
        .sort()
        .map(groupOf),
    };
  }

  function resourceList(group: string, version: string) {
    const defs = (byGroup.get(group) ?? []).filter(d =>
      d.versions.includes(version),
    );
    if (defs.length === 0) throw pathNotFound();
    const verbs = [
      'create',
      'delete',
      'deletecollection',
      'get',
      'list',
      'patch',
      'update',
      'watch',
    ];
    const resources = defs.flatMap(d => [
      {
        name: d.plural,
        singularName: d.singular,
        namespaced: d.namespaced,
        kind: d.kind,
        verbs,
        shortNames: d.shortNames,
        categories: d.categories,
      },
      ...(d.status
        ? [
            {
              name: `${d.plural}/status`,
              singularName: '',
              namespaced: d.namespaced,
              kind: d.kind,
              verbs: ['get', 'patch', 'update'],
            },
          ]
        : []),
      ...(d.scale
        ? [
            {
              name: `${d.plural}/scale`,
              singularName: '',
              namespaced: d.namespaced,
              group: 'autoscaling',
              version: 'v1',
              kind: 'Scale',
              verbs: ['get', 'patch', 'update'],
            },
          ]
        : []),
      ...(d.plural === 'pods'
        ? [
            {
              name: 'pods/eviction',
              singularName: '',
              namespaced: true,
              group: 'policy',
              version: 'v1',
              kind: 'Eviction',
              verbs: ['create'],
            },
          ]
        : []),
    ]);
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: group ? `${group}/${version}` : version,
      resources,
    };
  }

  /** `/api/v1/...` or `/apis/g/v/...`, then `[namespaces/ns/]plural[/name[/sub]]`. */
  function resolveTarget(segments: string[]): Target | undefined {
    let group: string;
    let version: string;
    let rest: string[];
    if (segments[0] === 'api') {
      [group, version, rest] = ['', segments[1], segments.slice(2)];
    } else if (segments[0] === 'apis') {
      [group, version, rest] = [segments[1], segments[2], segments.slice(3)];
    } else {
      return undefined;
    }
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const definition = (byGroup.get(group) ?? []).find(
      d => d.plural === rest[0] && d.versions.includes(version),
    );
    if (!definition) return undefined;
    if (namespace && !definition.namespaced) return undefined;
    return {
      definition,
      version,
      namespace,
      name: rest[1],
      subresource: rest[2],
    };
  }

  async function route(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    target: Target,
  ) {
    const { definition, namespace, name, subresource } = target;
    const key: ResourceKey = {
      group: definition.group,
      resource: definition.plural,
    };
    const query = url.searchParams;
    const dryRun = query.get('dryRun') === 'All';
    const method = req.method ?? 'GET';
    // Objects are kept in the storage version and converted on the way in
    // and out, as the API server does through the CRD conversion webhook.
    const present = (o: KubeObject) => convertForVersion(o, target.version);
    const fieldValidation = fieldValidationOf(query);
    const warnings: string[] = [];
    /**
     * A written object in the request's version → admitted and converted to
     * the storage version. The schema of the request's version decides on
     * unknown fields; the store then admits the converted object again.
     */
    const toStorage = (o: KubeObject) => {
      if (target.version === definition.storageVersion) return o;
      const checked = admitSchema(o, { fieldValidation, warnings });
      return convertForVersion(checked, definition.storageVersion);
    };
    const writeOptions = (written?: string): WriteOptions => ({
      dryRun,
      warnings,
      fieldValidation:
        target.version === definition.storageVersion
          ? fieldValidation
          : 'Ignore',
      ...(written === 'status' && { subresource: 'status' as const }),
    });
    // Who wrote what: kubectl sends its fieldManager; apply patches are "Apply".
    const applying =
      (req.headers['content-type'] ?? '').split(';')[0] ===
      'application/apply-patch+yaml';
    const managed = (
      object: KubeObject,
      body: unknown,
      previous?: KubeObject,
    ) =>
      recordManager(object, previous, {
        manager: query.get('fieldManager') ?? managerFromAgent(req),
        operation: applying ? 'Apply' : 'Update',
        subresource: subresource === 'status' ? 'status' : undefined,
        body,
      });
    const create = (object: KubeObject, body: unknown = object) => {
      if (!dryRun) consumeConflict();
      const created = store.create(
        key,
        toStorage(managed(object, body)),
        writeOptions(),
      );
      return sendWritten(res, 201, present(created), warnings);
    };
    const update = (
      object: KubeObject,
      body: unknown = object,
      previous = store.get(key, namespace, object.metadata.name!),
    ) => {
      if (!dryRun) consumeConflict();
      const updated = store.update(
        key,
        toStorage(managed(object, body, previous)),
        writeOptions(subresource),
      );
      return sendWritten(res, 200, present(updated), warnings);
    };

    if (!name) {
      if (method === 'GET') {
        if (query.get('watch') === 'true' || query.get('watch') === '1') {
          const stop = serveWatch({
            req,
            res,
            store,
            key,
            definition,
            namespace,
            query,
            present,
            apiVersion: definition.group
              ? `${definition.group}/${target.version}`
              : target.version,
            bookmarkIntervalMs: options.bookmarkIntervalMs,
            minRequestTimeoutSeconds: options.minRequestTimeoutSeconds,
          });
          watches.add(stop);
          res.on('close', () => watches.delete(stop));
          return;
        }
        return sendList(req, res, target, key, query);
      }
      if (method === 'POST') {
        const body = await readBody(req);
        return create(
          withIdentity(body, definition, target, body?.metadata?.name),
        );
      }
      throw methodNotAllowed(method);
    }

    if (
      subresource === 'eviction' &&
      definition.plural === 'pods' &&
      method === 'POST'
    ) {
      store.delete(key, namespace, name);
      return sendJson(res, 201, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Success',
        code: 201,
      });
    }
    if (subresource === 'scale')
      return routeScale(req, res, key, target, dryRun);
    if (subresource && !(subresource === 'status' && definition.status))
      throw pathNotFound();

    const current = () => {
      const object = store.get(key, namespace, name);
      if (!object) throw notFound(key, name);
      return object;
    };
    switch (method) {
      case 'GET':
        return sendJson(res, 200, present(current()));
      case 'PUT':
        return update(
          withIdentity(await readBody(req), definition, target, name),
        );
      case 'PATCH': {
        const body = await readBody(req);
        const type = (req.headers['content-type'] ?? '').split(';')[0];
        const existing = store.get(key, namespace, name);
        if (!existing) {
          if (type !== 'application/apply-patch+yaml')
            throw notFound(key, name);
          // Server-side apply of an object that does not exist creates it.
          return create(withIdentity(body, definition, target, name), body);
        }
        const patched = applyPatch(present(existing), body, type, definition);
        patched.metadata.resourceVersion =
          body?.metadata?.resourceVersion ?? existing.metadata.resourceVersion;
        return update(patched, body, existing);
      }
      case 'DELETE': {
        if (dryRun) return sendJson(res, 200, present(current()));
        const deleted = store.delete(key, namespace, name);
        return sendJson(res, 200, deleted && present(deleted));
      }
      default:
        throw methodNotAllowed(method);
    }
  }

  async function routeScale(
    req: IncomingMessage,
    res: ServerResponse,
    key: ResourceKey,
    target: Target,
    dryRun: boolean,
  ) {
    const { definition, namespace, name } = target;
    const scale = definition.scale;
    if (!scale) throw pathNotFound();
    const object = store.get(key, namespace, name!);
    if (!object) throw notFound(key, name!);
    const read = (path: string) =>
      path
        .replace(/^\./, '')
        .split('.')
        .reduce<any>((v, p) => v?.[p], object);
    const toScale = (o: KubeObject) => ({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: o.metadata.name,
        namespace: o.metadata.namespace,
        uid: o.metadata.uid,
        resourceVersion: o.metadata.resourceVersion,
        creationTimestamp: o.metadata.creationTimestamp,
      },
      spec: { replicas: read(scale.specReplicasPath) ?? 0 },
      status: {
        replicas: read(scale.statusReplicasPath) ?? 0,
        ...(scale.labelSelectorPath && {
          selector: read(scale.labelSelectorPath),
        }),
      },
    });
    if (req.method === 'GET') return sendJson(res, 200, toScale(object));
    const body = await readBody(req);
    const type = (req.headers['content-type'] ?? '').split(';')[0];
    const wanted =
      req.method === 'PATCH'
        ? applyPatch(toScale(object) as any, body, type)
        : body;
    const replicas = wanted?.spec?.replicas;
    if (!Number.isInteger(replicas) || replicas < 0) {
      throw new LabApiError(
        422,
        'Invalid',
        `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`,
        {
          causes: [
            {
              field: 'spec.replicas',
              reason: 'FieldValueInvalid',
              message: 'must be greater than or equal to 0',
            },
          ],
        },
      );
    }
    const path = scale.specReplicasPath.replace(/^\./, '').split('.');
    const updated = structuredClone(object);
    path.slice(0, -1).reduce<any>((node, p) => (node[p] ??= {}), updated)[
      path[path.length - 1]
    ] = replicas;
    if (wanted?.metadata?.resourceVersion)
      updated.metadata.resourceVersion = wanted.metadata.resourceVersion;
    if (!dryRun) consumeConflict();
    return sendJson(res, 200, toScale(store.update(key, updated, { dryRun })));
  }

  function sendList(
    req: IncomingMessage,
    res: ServerResponse,
    target: Target,
    key: ResourceKey,
    query: URLSearchParams,
  ) {
    const { definition, namespace, version } = target;
    const limit = Number(query.get('limit') ?? 0);
    const continueToken = query.get('continue');
    let after = '';
    let listVersion = store.resourceVersion;
    if (continueToken) {
      try {
        const decoded = JSON.parse(
          Buffer.from(continueToken, 'base64url').toString(),
        );
        after = decoded.after;
        listVersion = decoded.rv;
      } catch {
        throw new LabApiError(400, 'BadRequest', 'continue key is not valid');
      }
      if (Number(listVersion) < store.oldestResumableVersion) {
        throw new LabApiError(
          410,
          'Expired',
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
        );
      }
    }
    // Not copied: the page is serialised straight away.
    let items = store.listShared(key, {
      namespace,
      labelSelector: query.get('labelSelector') ?? undefined,
      fieldSelector: query.get('fieldSelector') ?? undefined,
    });
    const id = (o: KubeObject) =>
      o.metadata.namespace
        ? `${o.metadata.namespace}/${o.metadata.name}`
        : o.metadata.name!;
    if (after) items = items.filter(o => id(o) > after);
    let next: string | undefined;
    if (limit > 0 && items.length > limit) {
      items = items.slice(0, limit);
      next = Buffer.from(
        JSON.stringify({ rv: listVersion, after: id(items[items.length - 1]) }),
      ).toString('base64url');
    }
    const listMeta = {
      resourceVersion: listVersion,
      ...(next && { continue: next }),
    };
    if (version !== definition.storageVersion)
      items = items.map(o => convertForVersion(o, version));
    if ((req.headers.accept ?? '').includes('as=Table'))
      return sendJson(res, 200, toTable(definition, items, listMeta));
    return sendJson(res, 200, {
      kind: definition.listKind,
      apiVersion: definition.group ? `${definition.group}/${version}` : version,
      metadata: listMeta,
      items,
    });
  }

  function consumeConflict() {
    if ((faults.forcedConflicts ?? 0) > 0) {
      faults.forcedConflicts! -= 1;
      throw new LabApiError(
        409,
        'Conflict',
        'the object has been modified; please apply your changes to the latest version and try again (injected fault)',
      );
    }
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
      for (const stop of watches) stop();
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
    dropWatches: () => {
      for (const stop of watches) stop();
    },
    stop: async () => {
      clearInterval(outageTimer);
      for (const stop of watches) stop();
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}

/** A kubeconfig with one context per cluster, named after the cluster. */
export function kubeconfigFor(
  clusters: { name: string; url: string; caPem: string; token: string }[],
): string {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    ...clusters.flatMap(c => [
      `- name: ${c.name}`,
      '  cluster:',
      `    server: ${c.url}`,
      `    certificate-authority-data: ${b64(c.caPem)}`,
    ]),
    'users:',
    ...clusters.flatMap(c => [
      `- name: ${c.name}-admin`,
      '  user:',
      `    token: ${c.token}`,
    ]),
    'contexts:',
    ...clusters.flatMap(c => [
      `- name: ${c.name}`,
      '  context:',
      `    cluster: ${c.name}`,
      `    user: ${c.name}-admin`,
    ]),
    `current-context: ${clusters[0]?.name ?? ''}`,
    '',
  ].join('\n');
}

function withIdentity(
  body: any,
  definition: ResourceDefinition,
  target: Target,
  name?: string,
): KubeObject {
  if (!body || typeof body !== 'object')
    throw new LabApiError(
      400,
      'BadRequest',
      'the request body is not an object',
    );
  const apiVersion = definition.group
    ? `${definition.group}/${target.version}`
    : target.version;
  if (body.kind && body.kind !== definition.kind) {
    throw new LabApiError(
      400,
      'BadRequest',
      `the body kind ${body.kind} does not match the resource ${definition.plural}`,
    );
  }
  if (
    body.metadata?.namespace &&
    target.namespace &&
    body.metadata.namespace !== target.namespace
  ) {
    throw new LabApiError(
      400,
      'BadRequest',
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  return {
    ...body,
    apiVersion,
    kind: definition.kind,
    metadata: {
      ...body.metadata,
      ...(name && { name }),
      ...(definition.namespaced && {
        namespace: target.namespace ?? body.metadata?.namespace,
      }),
    },
  };
}

/** The object in `version` (a copy only when it has to be converted). */
function convertForVersion(object: KubeObject, version: string): KubeObject {
  return object.apiVersion.endsWith(`/${version}`) ||
    object.apiVersion === version
    ? object
    : convertCapiObject(object, version);
}

function applyPatch(
  existing: KubeObject,
  body: any,
  type: string,
  definition?: ResourceDefinition,
): KubeObject {
  switch (type) {
    case 'application/merge-patch+json':
    case 'application/apply-patch+yaml':
      return mergePatch(existing, body);
    case 'application/strategic-merge-patch+json':
      // The real server rejects strategic merge for custom resources.
      if (definition && definition.group !== '') {
        throw new LabApiError(
          415,
          'UnsupportedMediaType',
          `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
        );
      }
      return mergePatch(existing, body);
    case 'application/json-patch+json':
      return jsonPatch(existing, body);
    default:
      throw new LabApiError(
        415,
        'UnsupportedMediaType',
        `unsupported patch type ${type}`,
      );
  }
}

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const type = req.headers['content-type'] ?? '';
  if (type.includes('protobuf')) {
    try {
      return decodeProtobufObject(Buffer.concat(chunks));
    } catch (error) {
      throw new LabApiError(
        415,
        'UnsupportedMediaType',
        (error as Error).message,
      );
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return type.includes('yaml') ? parseYaml(text) : JSON.parse(text);
  } catch {
    throw new LabApiError(
      400,
      'BadRequest',
      'the request body is not valid JSON or YAML',
    );
  }
}

/** The answer to a write, with the admission warnings as `Warning` headers. */
function sendWritten(
  res: ServerResponse,
  status: number,
  body: unknown,
  warnings: string[],
) {
  if (warnings.length > 0) {
    res.setHeader(
      'Warning',
      warnings.map(w => `299 - ${JSON.stringify(w)}`),
    );
  }
  sendJson(res, status, body);
}

/** The manager name the API server derives from the user agent ("kubectl/v1.32…" → "kubectl"). */
function managerFromAgent(req: IncomingMessage): string {
  return (req.headers['user-agent'] ?? 'unknown').split('/')[0].slice(0, 128);
}

function fieldValidationOf(query: URLSearchParams): FieldValidation {
  const value = query.get('fieldValidation') ?? 'Warn';
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore')
    return value;
  throw new LabApiError(
    400,
    'BadRequest',
    `fieldValidation parameter unsupported: ${value}. Supported values: Ignore, Warn, Strict`,
  );
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: unknown) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const apiError =
    error instanceof LabApiError
      ? error
      : new LabApiError(
          500,
          'InternalError',
          `internal error: ${(error as Error).message}`,
        );
  sendJson(res, apiError.code, apiError.toStatus());
}

function pathNotFound(): LabApiError {
  return new LabApiError(
    404,
    'NotFound',
    'the server could not find the requested resource',
  );
}

function methodNotAllowed(method: string): LabApiError {
  return new LabApiError(
    405,
    'MethodNotAllowed',
    `the server does not allow this method on the requested resource: ${method}`,
  );
}
