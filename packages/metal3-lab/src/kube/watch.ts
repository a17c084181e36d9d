import { IncomingMessage, ServerResponse } from 'node:http';
import { LabApiError } from '../errors';
import { KubeObject, ResourceKey, StoreEvent } from '../types';
import { ObjectStore } from './ObjectStore';
import { ResourceDefinition } from './resourceRegistry';
import { matchesSelector } from './selectors';
import {
  BOOKMARK_FREQUENCY_MS,
  MIN_REQUEST_TIMEOUT_SECONDS,
  nextBookmarkDelayMs,
  watchTimeoutMs,
} from './watchTiming';

/**
 * A WATCH stream: newline-delimited JSON events. Without a resourceVersion
 * (or with "0") it starts with the current objects as ADDED; with one it
 * replays the events after it, or answers an ERROR event with a 410 `Expired`
 * Status when that version has left the event window. BOOKMARK events carry
 * the latest resourceVersion so clients can resume cheaply; like
 * kube-apiserver, they are sent only when asked for (`allowWatchBookmarks`),
 * about once a minute, and nothing else is sent on a quiet resource. The
 * watch ends cleanly at `timeoutSeconds`, or without one at a random time
 * between the minimum request timeout and twice that (watchTiming.ts).
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
  /** Bookmark cadence; default kube-apiserver's (about a minute). A test knob. */
  bookmarkIntervalMs?: number;
  /** kube-apiserver's `--min-request-timeout`, seconds; default 1800. */
  minRequestTimeoutSeconds?: number;
}): () => void {
  const { res, store, key, definition, namespace, query, present } = options;
  const labelSelector = query.get('labelSelector') ?? undefined;
  const fieldSelector = query.get('fieldSelector') ?? undefined;
  const requested = query.get('resourceVersion');
  // Go's ParseBool spellings of true, as the real server decodes the parameter.
  const bookmarks = ['true', 'True', 'TRUE', 't', 'T', '1'].includes(
    query.get('allowWatchBookmarks') ?? '',
  );
  const timeoutMs = watchTimeoutMs(
    timeoutSecondsOf(query),
    options.minRequestTimeoutSeconds ?? MIN_REQUEST_TIMEOUT_SECONDS,
  );
  const deadline = Date.now() + timeoutMs;

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
  });
  // Sent at once, as kube-apiserver flushes after WriteHeader: a client sees
  // the watch established before any event, even on a quiet resource.
  res.flushHeaders();
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
  const timers: { bookmark?: NodeJS.Timeout; deadline?: NodeJS.Timeout } = {};
  let unsubscribe = () => {};
  const stop = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearTimeout(timers.bookmark);
    clearTimeout(timers.deadline);
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
    const frequency = options.bookmarkIntervalMs ?? BOOKMARK_FREQUENCY_MS;
    const schedule = () => {
      const delay = nextBookmarkDelayMs(Date.now(), deadline, frequency);
      if (delay === undefined) return;
      timers.bookmark = setTimeout(() => {
        write('BOOKMARK', {
          kind: definition.kind,
          apiVersion,
          metadata: { resourceVersion: store.resourceVersion },
        });
        schedule();
      }, delay);
    };
    schedule();
  }
  // A clean end of the stream, as the real server's timeout: no ERROR event.
  // (Clamped: Node fires longer timers at once.)
  timers.deadline = setTimeout(stop, Math.min(timeoutMs, 2 ** 31 - 1));
  return stop;
}

/** `timeoutSeconds` of a watch request; the real server refuses a non-integer with 400. */
function timeoutSecondsOf(query: URLSearchParams): number | undefined {
  const value = query.get('timeoutSeconds');
  if (value === null || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) {
    throw new LabApiError(
      400,
      'BadRequest',
      `timeoutSeconds: invalid value "${value}": must be an integer`,
    );
  }
  return Number(value);
}
