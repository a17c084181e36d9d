import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/**
 * Why a watch stream ended: the server closed it (its `timeoutSeconds`, a
 * restart), the client's inactivity deadline passed, the caller stopped it,
 * or the connection failed mid-stream.
 */
export type WatchEnd =
  | { kind: 'closed' }
  | { kind: 'timeout' }
  | { kind: 'stopped' }
  | { kind: 'error'; error: unknown };

export type WatchEventHandler = (type: string, object: any) => void;

/**
 * Reads an open WATCH response: one JSON event per line, handed to
 * `onEvent`; `onEnd` fires once, with the reason. Any data (a bookmark
 * included) restarts the inactivity deadline; when it passes, `abort` cuts
 * the request and the end is a `timeout`, which callers treat as a clean
 * close, as client-go does.
 */
export function readWatchStream(options: {
  body: WebReadableStream | NodeJS.ReadableStream | null;
  inactivityMs: number;
  abort: () => void;
  onEvent: WatchEventHandler;
  onEnd: (end: WatchEnd) => void;
}): { stop(): void } {
  const { inactivityMs, abort, onEvent, onEnd } = options;
  let ending: 'timeout' | 'stopped' | undefined;
  let ended = false;
  let timer: NodeJS.Timeout | undefined;
  const finish = (end: WatchEnd) => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    onEnd(end);
  };
  const cut = (kind: 'timeout' | 'stopped') => {
    ending ??= kind;
    abort();
    // An aborted body may end without an error event: do not wait for one.
    finish({ kind: ending });
  };
  const restartDeadline = () => {
    clearTimeout(timer);
    timer = setTimeout(() => cut('timeout'), inactivityMs);
    timer.unref();
  };

  if (!options.body) {
    finish({ kind: 'closed' });
    return { stop: () => {} };
  }
  const input =
    options.body instanceof Readable
      ? options.body
      : Readable.fromWeb(options.body as WebReadableStream);
  restartDeadline();
  input.on('data', restartDeadline);
  input.on('error', error =>
    finish(ending ? { kind: ending } : { kind: 'error', error }),
  );
  const lines = createInterface({ input, crlfDelay: Infinity });
  // readline re-emits the input's errors: without a listener they would crash the process.
  lines.on('error', () => {});
  lines.on('line', line => {
    if (ended || !line.trim()) return;
    let event: { type?: string; object?: unknown };
    try {
      event = JSON.parse(line);
    } catch {
      // A torn line is the stream breaking; the reconnect resumes from the
      // last resourceVersion seen, so nothing is lost by skipping it.
      return;
    }
    if (event?.type) onEvent(event.type, event.object);
  });
  lines.on('close', () => finish({ kind: ending ?? 'closed' }));
  return { stop: () => cut('stopped') };
}
