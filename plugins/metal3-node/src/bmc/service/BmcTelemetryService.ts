import { InputError, NotFoundError } from '@backstage/errors';
import {
  BmcInventoryDto,
  BmcTelemetryDto,
  parseBmcAddress,
} from '@metal3-fleet/plugin-metal3-common';
import type { Metal3ClusterService } from '../../cluster/Metal3ClusterService';
import { BmcError, BmcReader, BmcTarget } from '../types';
import { bmcErrorMessage } from './errorMessage';
import { readBmcCredentials } from './hostCredentials';
import { createLimiter, withDeadline } from './limiter';

/** Opens a reader for one BMC; `signal` aborts its requests. */
export type BmcReaderFactory = (
  target: BmcTarget,
  options: { signal: AbortSignal; preferBasicAuth?: boolean },
) => BmcReader;

/**
 * `system`: power and health only (the cheap pass); `all`: adds sensors and
 * recent log entries. Firmware is inventory rather than telemetry and is read
 * only when asked for (`firmware: true`): it costs a request per component.
 */
export type TelemetryDepth = 'system' | 'all';

export interface BmcTelemetryOptions {
  clusters: Metal3ClusterService;
  openReader: BmcReaderFactory;
  /** How long a reading is served from memory (default 60 s). */
  cacheSeconds?: number;
  /** BMCs read at once across all callers (default 256). */
  maxInFlight?: number;
  /** Hard limit per host; a hung BMC gives up its slot after it (default 15 s: the host page does not wait longer). */
  hostDeadlineMs?: number;
  now?: () => number;
  /** Reads a host's BMC Secret; replaceable in tests. */
  readCredentials?: typeof readBmcCredentials;
}

interface HostRef {
  cluster: string;
  namespace: string;
  name: string;
}

type Part = BmcTelemetryDto['errors'][number]['part'];

/** How long a hung BMC is remembered as such. */
const UNRESPONSIVE_MEMORY_MS = 5 * 60_000;
/** The deadline such a BMC gets meanwhile. */
const RETRY_DEADLINE_MS = 3_000;

/**
 * Live BMC data of enrolled hosts. Credentials are read server-side from
 * each host's Secret for every reading and dropped afterwards; readings are
 * cached per host, identical concurrent requests share one reading, and the
 * fan-out is bounded so one hung BMC only holds its own slot.
 */
export class BmcTelemetryService {
  readonly #options: Required<
    Omit<BmcTelemetryOptions, 'clusters' | 'openReader'>
  > &
    BmcTelemetryOptions;
  readonly #limit: ReturnType<typeof createLimiter>;
  /** Hosts whose BMC hit the deadline recently: when, by host key. */
  readonly #unresponsive = new Map<string, number>();
  readonly #cache = new Map<
    string,
    { at: number; reading: Promise<BmcTelemetryDto> }
  >();
  readonly #inventories = new Map<
    string,
    { at: number; reading: Promise<BmcInventoryDto> }
  >();

  constructor(options: BmcTelemetryOptions) {
    this.#options = {
      cacheSeconds: 60,
      maxInFlight: 256,
      hostDeadlineMs: 15_000,
      now: Date.now,
      readCredentials: readBmcCredentials,
      ...options,
    };
    this.#limit = createLimiter(this.#options.maxInFlight);
  }

  read(
    host: HostRef,
    options: {
      depth?: TelemetryDepth;
      firmware?: boolean;
      refresh?: boolean;
    } = {},
  ): Promise<BmcTelemetryDto> {
    const depth = options.depth ?? 'all';
    const firmware = Boolean(options.firmware);
    const key = `${host.cluster}/${host.namespace}/${host.name}#${depth}${
      firmware ? '+fw' : ''
    }`;
    const now = this.#options.now();
    const cached = this.#cache.get(key);
    if (
      cached &&
      !options.refresh &&
      now - cached.at < this.#options.cacheSeconds * 1000
    ) {
      return cached.reading;
    }
    const reading = this.#limit(() => this.#readNow(host, depth, firmware));
    this.#cache.set(key, { at: now, reading });
    // Failures (no Secret, unknown host) are not worth remembering.
    reading.catch(() => {
      if (this.#cache.get(key)?.reading === reading) this.#cache.delete(key);
    });
    return reading;
  }

  /**
   * A BMC that hung recently gets a short deadline: it is most likely still
   * hung, and a fleet pass should not wait for it again. It gets the full one
   * back after answering or after UNRESPONSIVE_MEMORY_MS.
   */
  #deadlineFor(key: string): number {
    const since = this.#unresponsive.get(key);
    if (since === undefined) return this.#options.hostDeadlineMs;
    if (this.#options.now() - since > UNRESPONSIVE_MEMORY_MS) {
      this.#unresponsive.delete(key);
      return this.#options.hostDeadlineMs;
    }
    return Math.min(this.#options.hostDeadlineMs, RETRY_DEADLINE_MS);
  }

  /**
   * The BMC's hardware inventory (system, NICs with MACs, disks) of an
   * enrolled host, for the drift check: cached, shared and bounded like
   * `read`, and within the same per-host deadline.
   */
  inventory(
    host: HostRef,
    options: { refresh?: boolean } = {},
  ): Promise<BmcInventoryDto> {
    const key = `${host.cluster}/${host.namespace}/${host.name}`;
    const now = this.#options.now();
    const cached = this.#inventories.get(key);
    if (
      cached &&
      !options.refresh &&
      now - cached.at < this.#options.cacheSeconds * 1000
    ) {
      return cached.reading;
    }
    const reading = this.#limit(async () => {
      const target = await this.#targetOf(host);
      const controller = new AbortController();
      const reader = this.#options.openReader(target, {
        signal: controller.signal,
        preferBasicAuth: true,
      });
      const deadlineMs = this.#deadlineFor(key);
      try {
        return await withDeadline(reader.inventory(), deadlineMs, () => {
          controller.abort();
          this.#unresponsive.set(key, this.#options.now());
          return new BmcError(
            'timeout',
            `BMC of ${host.namespace}/${
              host.name
            } did not answer within ${Math.round(deadlineMs / 1000)} s`,
          );
        });
      } finally {
        await withDeadline(
          reader.close(),
          5_000,
          () => new Error('close'),
        ).catch(() => undefined);
      }
    });
    this.#inventories.set(key, { at: now, reading });
    // A failed reading is not kept: the next caller tries again.
    reading.catch(() => {
      if (this.#inventories.get(key)?.reading === reading)
        this.#inventories.delete(key);
    });
    return reading;
  }

  /** Forgets every cached reading (tests and benchmarks). */
  clear(): void {
    this.#cache.clear();
    this.#inventories.clear();
  }

  async #readNow(
    host: HostRef,
    depth: TelemetryDepth,
    withFirmware: boolean,
  ): Promise<BmcTelemetryDto> {
    const target = await this.#targetOf(host);
    const controller = new AbortController();
    // Basic authentication: a pass over many BMCs opens no sessions.
    const reader = this.#options.openReader(target, {
      signal: controller.signal,
      preferBasicAuth: true,
    });
    const errors: BmcTelemetryDto['errors'] = [];
    let timedOut = false;
    const part = async <T>(name: Part, read: () => Promise<T>) => {
      try {
        return await read();
      } catch (error) {
        // After the deadline, failures are the abort's echo: the timeout says it.
        if (!timedOut) {
          errors.push({ part: name, message: bmcErrorMessage(error) });
        }
        return undefined;
      }
    };
    const work = async (): Promise<BmcTelemetryDto> => {
      const system = await part('system', () => reader.system());
      const [sensors, logEntries, firmware] = await Promise.all([
        depth === 'all' ? part('sensors', () => reader.sensors()) : undefined,
        depth === 'all'
          ? part('logEntries', () => reader.logEntries())
          : undefined,
        withFirmware ? part('firmware', () => reader.firmware()) : undefined,
      ]);
      return {
        protocol: reader.protocol,
        readAt: new Date(this.#options.now()).toISOString(),
        ...(system && { system }),
        ...(sensors && { sensors }),
        ...(logEntries && { logEntries }),
        ...(firmware && { firmware }),
        errors,
      };
    };
    const key = `${host.cluster}/${host.namespace}/${host.name}`;
    const deadlineMs = this.#deadlineFor(key);
    try {
      const reading = await withDeadline(work(), deadlineMs, () => {
        timedOut = true;
        controller.abort();
        return new BmcError(
          'timeout',
          `BMC of ${host.namespace}/${
            host.name
          } did not answer within ${Math.round(deadlineMs / 1000)} s`,
        );
      });
      this.#unresponsive.delete(key);
      return reading;
    } catch (error) {
      if (error instanceof BmcError && error.kind === 'timeout') {
        this.#unresponsive.set(key, this.#options.now());
        return {
          protocol: reader.protocol,
          readAt: new Date(this.#options.now()).toISOString(),
          errors: [...errors, { part: 'system', message: error.message }],
        };
      }
      throw error;
    } finally {
      // Logs out sessions; bounded so a hung BMC cannot keep the slot.
      await withDeadline(reader.close(), 5_000, () => new Error('close')).catch(
        () => undefined,
      );
    }
  }

  async #targetOf(host: HostRef): Promise<BmcTarget> {
    if (
      !this.#options.clusters.listClusters().some(c => c.name === host.cluster)
    ) {
      throw new NotFoundError(`No cluster ${host.cluster} in metal3.clusters`);
    }
    const cache = this.#options.clusters.getCluster(host.cluster);
    const bmh = cache.get('baremetalhosts', `${host.namespace}/${host.name}`);
    if (!bmh) {
      throw new NotFoundError(
        `No BareMetalHost ${host.namespace}/${host.name} in cluster ${host.cluster}`,
      );
    }
    if (!bmh.bmcAddress || !bmh.credentialsName) {
      throw new InputError(
        `${host.namespace}/${host.name} has no spec.bmc.address or spec.bmc.credentialsName`,
      );
    }
    const parsed = parseBmcAddress(bmh.bmcAddress);
    if (!parsed.ok) throw new InputError(parsed.message);
    const credentials = await this.#options.readCredentials(
      cache,
      host.namespace,
      bmh.credentialsName,
    );
    return {
      address: bmh.bmcAddress,
      ...credentials,
      disableCertificateVerification: Boolean(
        bmh.disableCertificateVerification,
      ),
    };
  }
}
