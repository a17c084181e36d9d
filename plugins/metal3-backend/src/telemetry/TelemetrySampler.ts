import { LoggerService } from '@backstage/backend-plugin-api';
import { BmcTelemetryService } from '@metal3-fleet/plugin-metal3-node';
import { TelemetryStore } from '../database/TelemetryStore';
import { HostIndex } from '../fleet/HostIndex';
import { HistorySettings } from './historySettings';
import { hostReadingOf } from './hostReading';

/** What one sampling pass did, for the log and the tests. */
export interface SamplingPass {
  slot: number;
  /** Readings this pass stored. */
  stored: number;
  /** Hosts whose interval already had a reading (another replica's). */
  alreadySampled: number;
  /** Hosts whose BMC gave neither power nor temperature. */
  unreadable: number;
  pruned: number;
}

/**
 * One pass over the fleet: every enrolled host's BMC is read through the
 * telemetry service (its bounded fan-out, its deadline per host, the
 * password read from the host's Secret and dropped), and power and
 * temperature are stored for the current interval; then old readings go.
 * The scheduler runs it on one replica per interval (plugin.ts).
 */
export class TelemetrySampler {
  constructor(
    private readonly deps: {
      hostIndex: HostIndex;
      telemetry: BmcTelemetryService;
      store: TelemetryStore;
      settings: HistorySettings;
      logger: LoggerService;
    },
  ) {}

  async sampleOnce(): Promise<SamplingPass> {
    const { hostIndex, telemetry, store, settings, logger } = this.deps;
    const slot = await store.currentSlot(settings.intervalMs);
    const pass: SamplingPass = {
      slot,
      stored: 0,
      alreadySampled: 0,
      unreadable: 0,
      pruned: 0,
    };
    const hosts = [...hostIndex.all()]
      .map(row => row.summary)
      .filter(host => host.bmc.address);
    await Promise.all(
      hosts.map(async host => {
        const target = {
          cluster: host.cluster,
          namespace: host.namespace,
          name: host.name,
        };
        let reading;
        try {
          reading = hostReadingOf(
            await telemetry.read(target, { depth: 'sensors' }),
          );
        } catch (error) {
          // The telemetry service's messages name the host and the cause,
          // never the credentials.
          logger.debug(
            `Telemetry history: ${host.namespace}/${host.name} in ${host.cluster} not read: ${error}`,
          );
        }
        if (!reading) {
          pass.unreadable++;
          return;
        }
        if (await store.record(target, slot, reading)) pass.stored++;
        else pass.alreadySampled++;
      }),
    );
    pass.pruned = await store.prune({
      maxAgeMs: settings.retentionMs,
      maxPerHost: settings.maxPerHost,
    });
    return pass;
  }
}
