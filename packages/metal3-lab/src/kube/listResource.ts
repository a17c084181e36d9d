import { IncomingMessage, ServerResponse } from 'node:http';
import { LabApiError } from '../errors';
import { KubeObject, ResourceKey } from '../types';
import { ObjectStore } from './ObjectStore';
import { toTable } from './table';
import { Target } from './target';
import { sendJson } from './http';
import { convertForVersion } from './writeRequest';

/**
 * A LIST: label and field selectors, pages with `limit` and `continue`
 * (a continue token older than the event window is 410 Expired), objects in
 * the requested version, Table output for kubectl.
 */
export function sendList(
  store: ObjectStore,
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
