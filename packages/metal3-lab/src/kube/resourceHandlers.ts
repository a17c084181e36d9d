/* eslint-disable consistent-return -- handlers end by sending a response; what they return is never used */
import { IncomingMessage, ServerResponse } from 'node:http';
import { ApiFaults, KubeObject, ResourceKey, WriteOptions } from '../types';
import { admitSchema } from '../admission/admission';
import { ObjectStore, notFound } from './ObjectStore';
import { recordManager } from './managedFields';
import { OpenWatches, WatchTiming } from './openWatches';
import { serveScale } from './scaleSubresource';
import { sendList } from './listResource';
import { Target } from './target';
import { createTokenRequest } from '../rbac/tokenRequest';
import { evictionRefusal } from './disruptionBudget';
import {
  methodNotAllowed,
  pathNotFound,
  readBody,
  sendJson,
  sendWritten,
} from './http';
import {
  applyPatch,
  consumeConflict,
  convertForVersion,
  fieldValidationOf,
  managerFromAgent,
  withIdentity,
} from './writeRequest';

/** PodDisruptionBudgets, which the eviction subresource consults. */
const BUDGETS: ResourceKey = {
  group: 'policy',
  resource: 'poddisruptionbudgets',
};

/** What the resource handlers of one API server share. */
export interface ResourceContext {
  store: ObjectStore;
  faults: ApiFaults;
  watches: OpenWatches;
  watchTiming: WatchTiming;
  /** Signs the tokens of TokenRequests. */
  serviceAccountKey: Buffer;
}

/**
 * A request on a resource path: get, list (paged, Table), watch, create,
 * update, merge/JSON/strategic/apply patches, delete, the status and scale
 * subresources and pod eviction, with dryRun, fieldValidation and
 * managedFields as kube-apiserver handles them.
 */
export async function serveResource(
  ctx: ResourceContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  target: Target,
  /** Checks an object before it is written (RBAC escalation prevention). */
  guard: (object: KubeObject) => void = () => {},
) {
  const { store } = ctx;
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
      target.version === definition.storageVersion ? fieldValidation : 'Ignore',
    ...(written === 'status' && { subresource: 'status' as const }),
  });
  // Who wrote what: kubectl sends its fieldManager; apply patches are "Apply".
  const applying =
    (req.headers['content-type'] ?? '').split(';')[0] ===
    'application/apply-patch+yaml';
  const managed = (object: KubeObject, body: unknown, previous?: KubeObject) =>
    recordManager(object, previous, {
      manager: query.get('fieldManager') ?? managerFromAgent(req),
      operation: applying ? 'Apply' : 'Update',
      subresource: subresource === 'status' ? 'status' : undefined,
      body,
    });
  const create = (object: KubeObject, body: unknown = object) => {
    guard(object);
    if (!dryRun) consumeConflict(ctx.faults);
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
    guard(object);
    if (!dryRun) consumeConflict(ctx.faults);
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
        return ctx.watches.open({
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
          ...ctx.watchTiming,
        });
      }
      return sendList(store, req, res, target, key, query);
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
    const pod = store.get(key, namespace, name);
    if (!pod) throw notFound(key, name);
    const refusal = evictionRefusal(
      pod,
      store.list(BUDGETS, { namespace }),
      store.list(key, { namespace }),
    );
    if (refusal) throw refusal;
    store.delete(key, namespace, name);
    return sendJson(res, 201, {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Success',
      code: 201,
    });
  }
  if (
    subresource === 'token' &&
    definition.plural === 'serviceaccounts' &&
    method === 'POST'
  ) {
    const body = await readBody(req);
    return sendJson(
      res,
      201,
      createTokenRequest(
        store,
        ctx.serviceAccountKey,
        { namespace: namespace!, name },
        body,
        Date.now(),
      ),
    );
  }
  if (subresource === 'scale')
    return serveScale(ctx, req, res, key, target, dryRun);
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
        if (type !== 'application/apply-patch+yaml') throw notFound(key, name);
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
