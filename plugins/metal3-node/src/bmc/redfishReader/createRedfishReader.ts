import {
  BmcInventoryDto,
  BmcLogEntryDto,
  BmcSensorsDto,
  parseBmcAddress,
} from '@metal3-fleet/plugin-metal3-common';
import { BmcClientOptions, BmcError, BmcReader, BmcTarget } from '../types';
import { unreadableReader } from '../unreadableReader';
import { RedfishClient } from './client';
import { parseFirmware } from './parse/firmware';
import { parseLogEntries, pickLogService } from './parse/logs';
import { parseEthernetInterfaces } from './parse/nics';
import { parseMemory, parseProcessors } from './parse/processors';
import { parseThermalAndPower } from './parse/sensors';
import { parseSensorResources } from './parse/sensors';
import { parseDrives, parseSimpleStorage } from './parse/storage';
import { parseSubsystems } from './parse/subsystems';
import { parseSystem } from './parse/system';
import { DEFAULT_MAX_RESPONSE_BYTES, RedfishTransport } from './transport';
import { odataId } from './uri';

/** At most this many chassis are read for sensors (blades link many). */
const MAX_CHASSIS = 4;

/**
 * Sub-resources a BMC may lack or fail on (404, 405, 500) leave that part
 * empty; credentials, reachability and timeouts fail the whole read.
 */
async function optional<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (
      error instanceof BmcError &&
      ['not-found', 'unsupported', 'protocol'].includes(error.kind)
    ) {
      return fallback;
    }
    throw error;
  }
}

/**
 * Read-only Redfish access to one BMC (any Redfish-family address BMO
 * accepts). Power changes never go through here: they go through the
 * BareMetalHost.
 */
export function createRedfishReader(
  target: BmcTarget,
  options: BmcClientOptions,
): BmcReader {
  const parsed = parseBmcAddress(target.address);
  if (!parsed.ok || parsed.protocol !== 'redfish') {
    const error = new BmcError(
      'address',
      parsed.ok
        ? `${target.address} is not a Redfish address (${parsed.scheme})`
        : parsed.message,
    );
    return unreadableReader('redfish', error);
  }
  const transport = new RedfishTransport({
    scheme: parsed.transport === 'http' ? 'http' : 'https',
    host: parsed.host,
    port: parsed.port,
    guard: options.guard,
    rejectUnauthorized: !target.disableCertificateVerification,
    ca: target.caBundle,
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 20_000,
    retries: options.retries ?? 2,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    signal: options.signal,
  });
  const client = new RedfishClient(
    transport,
    target.username,
    target.password,
    { preferBasic: options.preferBasicAuth },
  );
  const maxLogEntries = options.maxLogEntries ?? 50;

  let selected: Promise<any> | undefined;
  /** The system the address names, else the only one (as Ironic requires). */
  const system = () => {
    selected ??= (async () => {
      if (parsed.systemPath) return client.get(parsed.systemPath);
      const root = await client.root();
      const collection = await client.follow(root?.Systems);
      const ids: string[] = (collection?.Members ?? [])
        .map(odataId)
        .filter(Boolean);
      if (ids.length !== 1) {
        throw Object.assign(
          new BmcError(
            'not-found',
            `BMC ${parsed.host} has ${ids.length} systems (${ids.join(
              ', ',
            )}); add the system path to the address, e.g. ${parsed.scheme}://${
              parsed.host
            }${ids[0] ?? '/redfish/v1/Systems/<id>'}`,
          ),
          { choices: ids },
        );
      }
      return client.get(ids[0]);
    })();
    return selected;
  };

  const inventory = async (): Promise<BmcInventoryDto> => {
    const sys = await system();
    const [processors, disks, nics] = await Promise.all([
      optional(() => client.members(sys?.Processors), []),
      optional(async () => {
        if (!sys?.Storage) {
          return parseSimpleStorage(await client.members(sys?.SimpleStorage));
        }
        const storages = await client.members(sys.Storage);
        const drives = await Promise.all(
          storages.map(s =>
            Promise.allSettled(
              (s?.Drives ?? []).map((d: any) => client.follow(d)),
            ),
          ),
        );
        return parseDrives(
          drives
            .flat()
            .flatMap(r => (r.status === 'fulfilled' ? [r.value] : [])),
        );
      }, []),
      optional(
        async () =>
          parseEthernetInterfaces(
            await client.members(sys?.EthernetInterfaces),
          ),
        [],
      ),
    ]);
    return {
      system: parseSystem(sys),
      processors: parseProcessors(sys, processors),
      memory: parseMemory(sys),
      disks,
      nics,
    };
  };

  const sensors = async (): Promise<BmcSensorsDto> => {
    const sys = await system();
    const links: unknown[] = sys?.Links?.Chassis ?? [];
    const chassisList = (
      await Promise.all(
        links
          .slice(0, MAX_CHASSIS)
          .map(l => optional(() => client.follow(l), undefined)),
      )
    ).filter(Boolean);
    const readings = await Promise.all(
      chassisList.map(chassis =>
        optional(
          async (): Promise<BmcSensorsDto> => {
            // Thermal/Power first: two requests with every reading inline,
            // where the newer resources take one request per fan or supply;
            // at fleet scale that is the difference (docs/benchmarks.md).
            if (chassis.Thermal || chassis.Power) {
              const [thermal, power] = await Promise.all([
                optional(() => client.follow(chassis.Thermal), undefined),
                optional(() => client.follow(chassis.Power), undefined),
              ]);
              return parseThermalAndPower(thermal, power);
            }
            if (chassis.ThermalSubsystem || chassis.PowerSubsystem) {
              const [thermal, power] = await Promise.all([
                optional(
                  () => client.follow(chassis.ThermalSubsystem),
                  undefined,
                ),
                optional(
                  () => client.follow(chassis.PowerSubsystem),
                  undefined,
                ),
              ]);
              const [metrics, fans, supplies] = await Promise.all([
                optional(
                  () => client.follow(thermal?.ThermalMetrics),
                  undefined,
                ),
                optional(() => client.members(thermal?.Fans, 32), []),
                optional(() => client.members(power?.PowerSupplies, 16), []),
              ]);
              return parseSubsystems(metrics, fans, supplies);
            }
            return parseSensorResources(
              await optional(() => client.members(chassis.Sensors, 64), []),
            );
          },
          { sensors: [] },
        ),
      ),
    );
    const watts = readings.find(r => r.powerConsumedWatts !== undefined);
    return {
      sensors: readings.flatMap(r => r.sensors),
      ...(watts && { powerConsumedWatts: watts.powerConsumedWatts }),
    };
  };

  const logEntries = async (): Promise<BmcLogEntryDto[]> => {
    const sys = await system();
    // The system's log services, else its manager's (iDRAC keeps SEL there).
    for (const owner of [sys, ...(sys?.Links?.ManagedBy ?? [])]) {
      const resource =
        owner === sys
          ? sys
          : await optional(() => client.follow(owner), undefined);
      const services = await optional(
        () => client.members(resource?.LogServices, 16),
        [],
      );
      const service = pickLogService(services);
      if (!service?.Entries) continue;
      const entries = await optional(
        () => client.members(service.Entries, maxLogEntries * 4),
        [],
      );
      return parseLogEntries(entries, maxLogEntries);
    }
    return [];
  };

  const firmware = async () => {
    const root = await client.root();
    const update = await optional(
      () => client.follow(root?.UpdateService),
      undefined,
    );
    return parseFirmware(
      await optional(() => client.members(update?.FirmwareInventory, 100), []),
    );
  };

  return {
    protocol: 'redfish',
    authenticate: () => client.authenticate(),
    system: async () => parseSystem(await system()),
    inventory,
    sensors,
    logEntries,
    firmware,
    close: () => client.close(),
  };
}
