import { EventEmitter } from 'node:events';
import { IncomingMessage, ServerResponse } from 'node:http';
import { ObjectStore } from './ObjectStore';
import { loadResourceDefinitions } from './resourceRegistry';
import { serveWatch } from './watch';

const BMH = { group: 'metal3.io', resource: 'baremetalhosts' };
const definition = loadResourceDefinitions().find(
  d => d.group === BMH.group && d.plural === BMH.resource,
)!;

/** A response that records the watch's lines and whether it ended. */
function recordingResponse() {
  const lines: { type: string; object: any }[] = [];
  const res = Object.assign(new EventEmitter(), {
    ended: false,
    writeHead: () => res,
    flushHeaders: () => {},
    write: (chunk: string) => {
      lines.push(JSON.parse(chunk));
      return true;
    },
    end: () => {
      res.ended = true;
    },
  });
  return { res, lines };
}

/** A watch served with the lab's defaults (no test knobs). */
function watch(query: Record<string, string>) {
  const { res, lines } = recordingResponse();
  serveWatch({
    req: {} as IncomingMessage,
    res: res as unknown as ServerResponse,
    store: new ObjectStore(),
    key: BMH,
    definition,
    query: new URLSearchParams({ watch: 'true', ...query }),
    present: o => o,
    apiVersion: 'metal3.io/v1alpha1',
  });
  return { res, lines };
}

describe('a watch on a quiet resource, with the default (kube-apiserver) timing', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('sends a BOOKMARK once a minute when the client allows them, and nothing before', () => {
    const { lines } = watch({
      allowWatchBookmarks: 'true',
      timeoutSeconds: '600',
    });
    jest.advanceTimersByTime(59_999);
    expect(lines).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(lines.map(l => l.type)).toEqual(['BOOKMARK']);
    expect(lines[0].object).toEqual({
      kind: 'BareMetalHost',
      apiVersion: 'metal3.io/v1alpha1',
      metadata: { resourceVersion: expect.any(String) },
    });
    jest.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(2);
  });

  it('sends nothing at all without allowWatchBookmarks, until it closes', () => {
    const { res, lines } = watch({});
    // No timeoutSeconds: 1800 s × (1 + random 0.5) = 2700 s.
    jest.advanceTimersByTime(2_699_999);
    expect(lines).toEqual([]);
    expect(res.ended).toBe(false);
    jest.advanceTimersByTime(1);
    expect(res.ended).toBe(true);
    expect(lines).toEqual([]);
  });

  it('closes at timeoutSeconds, after a last bookmark 2 s before', () => {
    const { res, lines } = watch({
      allowWatchBookmarks: 'true',
      timeoutSeconds: '90',
    });
    jest.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(1);
    jest.advanceTimersByTime(27_999);
    expect(lines).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(lines).toHaveLength(2);
    expect(res.ended).toBe(false);
    jest.advanceTimersByTime(2000);
    expect(res.ended).toBe(true);
    expect(lines.map(l => l.type)).toEqual(['BOOKMARK', 'BOOKMARK']);
  });

  it('refuses a timeoutSeconds that is not an integer', () => {
    expect(() => watch({ timeoutSeconds: 'soon' })).toThrow(
      expect.objectContaining({ code: 400 }),
    );
  });
});
