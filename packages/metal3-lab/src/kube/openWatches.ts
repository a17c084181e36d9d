import { serveWatch } from './watch';

/** The watch timing knobs of an API server (defaults: kube-apiserver's). */
export interface WatchTiming {
  bookmarkIntervalMs?: number;
  minRequestTimeoutSeconds?: number;
}

/** The open watches of one API server, so a fault or a stop can cut them. */
export interface OpenWatches {
  /** Serves a watch request and keeps it until it ends. */
  open(options: Parameters<typeof serveWatch>[0]): void;
  /** Ends every open watch, as a network cut or an API server restart would. */
  dropAll(): void;
}

export function openWatches(): OpenWatches {
  const stops = new Set<() => void>();
  return {
    open(options) {
      const stop = serveWatch(options);
      stops.add(stop);
      options.res.on('close', () => stops.delete(stop));
    },
    dropAll() {
      for (const stop of stops) stop();
    },
  };
}
