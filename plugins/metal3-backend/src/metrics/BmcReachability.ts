import { LoggerService } from '@backstage/backend-plugin-api';
import {
  BmcTelemetryService,
  Metal3ClusterService,
} from '@metal3-fleet/plugin-metal3-node';

/** The last reading of one host's BMC. */
export interface BmcReading {
  cluster: string;
  namespace: string;
  name: string;
  reachable: boolean;
}

export interface BmcReachabilityOptions {
  clusters: Metal3ClusterService;
  telemetry: Pick<BmcTelemetryService, 'read'>;
  /** Whether this replica is the one that sweeps. */
  isSweeper: () => boolean;
  intervalMs: number;
  logger: LoggerService;
}

/**
 * Whether each enrolled host's BMC answers, for the metrics: a pass over the
 * fleet through the telemetry service (power and health only, the cheap
 * read; its fan-out bound and per-host deadline apply, and the readings warm
 * its cache for the host pages). Only the holder of the notifier lease
 * sweeps, so two replicas do not read every BMC twice; the others report no
 * BMC series. Ironic's own view of the BMC is in the hosts' errors
 * (registration and power management errors).
 */
export class BmcReachability {
  readonly #options: BmcReachabilityOptions;
  #readings = new Map<string, BmcReading>();
  #timer?: NodeJS.Timeout;
  #sweeping?: Promise<void>;

  constructor(options: BmcReachabilityOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#options.intervalMs <= 0) return;
    this.#timer = setInterval(
      () => void this.sweep(),
      this.#options.intervalMs,
    );
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** The readings of the last pass; none on a replica that does not sweep. */
  readings(): BmcReading[] {
    if (!this.#options.isSweeper()) this.#readings.clear();
    return [...this.#readings.values()];
  }

  /** One pass over every host with a BMC address and credentials. */
  sweep(): Promise<void> {
    this.#sweeping ??= this.#sweep().finally(() => {
      this.#sweeping = undefined;
    });
    return this.#sweeping;
  }

  async #sweep(): Promise<void> {
    const { clusters, telemetry, isSweeper } = this.#options;
    if (!isSweeper()) return;
    const next = new Map<string, BmcReading>();
    const reads: Promise<void>[] = [];
    for (const { name: cluster } of clusters.listClusters()) {
      for (const host of clusters.getCluster(cluster).list('baremetalhosts')) {
        if (!host.bmcAddress || !host.credentialsName) continue;
        const target = {
          cluster,
          namespace: host.namespace ?? '',
          name: host.name,
        };
        reads.push(
          telemetry
            .read(target, { depth: 'system', refresh: true })
            .then(
              reading =>
                Boolean(reading.system) &&
                !reading.errors.some(e => e.part === 'system'),
              () => false,
            )
            .then(reachable => {
              next.set(`${cluster}/${target.namespace}/${target.name}`, {
                ...target,
                reachable,
              });
            }),
        );
      }
    }
    await Promise.all(reads);
    this.#readings = next;
    const unreachable = [...next.values()].filter(r => !r.reachable).length;
    this.#options.logger.debug(
      `BMC reachability: ${next.size - unreachable} of ${
        next.size
      } BMCs answered`,
    );
  }
}
