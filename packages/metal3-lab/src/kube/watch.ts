import { IncomingMessage, ServerResponse } from 'node:http';
import { KubeObject, ResourceKey, StoreEvent } from '../types';
import { ObjectStore } from './ObjectStore';
import { ResourceDefinition } from './resourceRegistry';
import { matchesSelector } from './selectors';

/**
 * A WATCH stream: newline-delimited JSON events. Without a resourceVersion
 * (or with "0") it starts with the current objects as ADDED; with one it
 * replays the events after it, or answers an ERROR event with a 410 `Expired`
 * Status when that version has left the event window. BOOKMARK events carry
 * the latest resourceVersion so clients can resume cheaply.
 */
export function serveWatch(options: {
  req: IncomingMessage;
  res: ServerResponse;
  store: ObjectStore;
  key: ResourceKey;
  definition: ResourceDefinition;
  namespace?: string;
  query: URLSearchParams;
  /** Converts a stored object to the version the client asked for. */
  present: (object: KubeObject) => KubeObject;
  /** The apiVersion the client asked for (bookmarks carry it). */
  apiVersion: string;
  bookmarkIntervalMs: number;
}): () => void {
  const { res, store, key, definition, namespace, query, present } = options;
  const labelSelector = query.get('labelSelector') ?? undefined;
  const fieldSelector = query.get('fieldSelector') ?? undefined;
  const requested = query.get('resourceVersion');
  const bookmarks = query.get('allowWatchBookmarks') === 'true';
  const timeoutSeconds = Number(query.get('timeoutSeconds') ?? 0);

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
  });
  const write = (type: string, object: unknown) =>
    res.write(`${JSON.stringify({ type, object })}\n`);
  const writeObject = (type: string, object: KubeObject) =>
    write(type, present(object));
  const relevant = (event: StoreEvent) =>
    event.key.group === key.group &&
    event.key.resource === key.resource &&
    (!namespace || event.object.metadata.namespace === namespace) &&
    matchesSelector(event.object, labelSelector, fieldSelector);

  let closed = false;
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe = () => {};
  const stop = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    timers.forEach(clearTimeout);
    timers.forEach(clearInterval);
    res.end();
  };
  res.on('close', stop);

  if (
    requested &&
    requested !== '0' &&
    Number(requested) < store.oldestResumableVersion
  ) {
    write('ERROR', {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `too old resource version: ${requested} (${store.oldestResumableVersion})`,
      reason: 'Expired',
      code: 410,
    });
    stop();
    return stop;
  }

  if (!requested || requested === '0') {
    for (const object of store.list(key, {
      namespace,
      labelSelector,
      fieldSelector,
    }))
      writeObject('ADDED', object);
  } else {
    for (const event of store.eventsSince(Number(requested))) {
      if (relevant(event)) writeObject(event.type, event.object);
    }
  }
  unsubscribe = store.subscribe(event => {
    if (!closed && relevant(event)) writeObject(event.type, event.object);
  });

  if (bookmarks) {
    const { apiVersion } = options;
    timers.push(
      setInterval(() => {
        write('BOOKMARK', {
          kind: definition.kind,
          apiVersion,
          metadata: { resourceVersion: store.resourceVersion },
        });
      }, options.bookmarkIntervalMs),
    );
  }
  if (timeoutSeconds > 0) timers.push(setTimeout(stop, timeoutSeconds * 1000));
  return stop;
}
