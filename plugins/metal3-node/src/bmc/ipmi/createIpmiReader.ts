import {
  BmcInventoryDto,
  BmcSystemDto,
  parseBmcAddress,
} from '@metal3-fleet/plugin-metal3-common';
import { BmcClientOptions, BmcError, BmcReader, BmcTarget } from '../types';
import {
  createIpmitoolRunner,
  ExecFileSeam,
  IpmitoolSession,
} from './ipmitool';
import { parseChassisPowerStatus } from './parse/chassisPowerStatus';
import { chassisHealth, parseChassisStatus } from './parse/chassisStatus';
import { parseFruPrint, systemFromFru } from './parse/fruPrint';
import { bmcNicFromLan, parseLanPrint } from './parse/lanPrint';
import { firmwareFromMcInfo, parseMcInfo } from './parse/mcInfo';
import { parseSelList } from './parse/selList';
import { parseSensorList } from './parse/sensorList';
import { powerConsumedWatts } from './parse/sensorUnits';

/** IPMI-only settings on top of the common client options. */
export type IpmiReaderOptions = BmcClientOptions & {
  /** Default `ipmitool` from PATH. */
  ipmitoolPath?: string;
  /** `-L`; overrides the address's `?privilegelevel=`. Read-only users need USER. */
  privilegeLevel?: 'USER' | 'OPERATOR' | 'ADMINISTRATOR';
  /** `-C`: 3 on older BMCs, 17 (SHA-256) on newer ones that refuse the rest. */
  cipherSuite?: number;
  /** `lanplus` (IPMI 2.0, default) or `lan` (IPMI 1.5, unencrypted). */
  interface?: 'lanplus' | 'lan';
  /** Replaces `child_process.execFile`; for tests. */
  execFile?: ExecFileSeam;
};

// IPMI answers within milliseconds when the BMC is there, so the per-answer
// wait (-N) is shorter than a TCP connect timeout would be.
const DEFAULT_ANSWER_TIMEOUT_MS = 2_000;
// One ipmitool run is many round trips (`sensor list` reads every sensor and
// its thresholds), so the hard kill is more generous than an HTTP request's.
const DEFAULT_HARD_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_LOG_ENTRIES = 50;
// Most boards use LAN channel 1; some use 2, 3 or 8 (`Invalid channel` otherwise).
const LAN_CHANNELS = [1, 2, 3, 4, 5, 6, 7, 8];

/**
 * Reads an `ipmi://` (or `libvirt://`) BMC with ipmitool. Read-only: power
 * changes go through the BareMetalHost, never through here. Address errors
 * and SSRF refusals surface on the first call, so creating a reader never
 * throws.
 */
export function createIpmiReader(
  target: BmcTarget,
  options: IpmiReaderOptions,
): BmcReader {
  const parsed = parseBmcAddress(target.address);
  const run = createIpmitoolRunner({
    ipmitoolPath: options.ipmitoolPath,
    hardTimeoutMs: options.requestTimeoutMs ?? DEFAULT_HARD_TIMEOUT_MS,
    maxInFlight: 2,
    signal: options.signal,
    execFile: options.execFile,
  });
  let session: Promise<IpmitoolSession> | undefined;

  // Resolves and checks the host once per reader: every ipmitool run then
  // goes to the same approved address, so DNS cannot change it in between.
  const openSession = async (): Promise<IpmitoolSession> => {
    if (!parsed.ok) throw new BmcError('address', parsed.message);
    if (parsed.protocol === 'redfish') {
      throw new BmcError(
        'address',
        `${parsed.normalizedAddress} is a Redfish address; the IPMI reader reads ipmi:// and libvirt:// addresses`,
      );
    }
    const bmc = parsed.host.includes(':')
      ? `[${parsed.host}]:${parsed.port}`
      : `${parsed.host}:${parsed.port}`;
    const verdict = await options.guard(parsed.host);
    if (!verdict.ok) {
      const kind = /does not resolve/.test(verdict.message) ? 'dns' : 'refused';
      throw new BmcError(kind, verdict.message);
    }
    const explicitLevel = /[?&]privilegelevel=/.test(parsed.normalizedAddress);
    return {
      bmc,
      address: verdict.address,
      port: parsed.port,
      username: target.username,
      password: target.password,
      interface: options.interface ?? 'lanplus',
      privilegeLevel:
        options.privilegeLevel ??
        (explicitLevel ? parsed.privilegeLevel : undefined),
      cipherSuite: options.cipherSuite,
      timeoutSeconds: Math.max(
        1,
        Math.ceil(
          (options.connectTimeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS) / 1000,
        ),
      ),
      retries: Math.max(1, options.retries ?? 2),
    };
  };

  const ipmitool = async (...command: string[]) => {
    session ??= openSession();
    return run(await session, command);
  };

  // Optional parts of a read: a BMC that lacks the command (or hides it from
  // this user) leaves the part empty; reachability and credential failures
  // still fail the whole read.
  const optional = async <T>(read: () => Promise<T>, fallback: T) => {
    try {
      return await read();
    } catch (error) {
      const kind = (error as BmcError).kind;
      if (
        kind === 'unsupported' ||
        kind === 'forbidden' ||
        kind === 'protocol'
      ) {
        return fallback;
      }
      throw error;
    }
  };

  const system = async (): Promise<BmcSystemDto> => {
    const [power, status] = await Promise.all([
      ipmitool('chassis', 'power', 'status'),
      optional(() => ipmitool('chassis', 'status'), undefined),
    ]);
    const result: BmcSystemDto = { powerState: parseChassisPowerStatus(power) };
    if (status) result.health = chassisHealth(parseChassisStatus(status));
    return result;
  };

  const bmcNic = async () => {
    for (const channel of LAN_CHANNELS) {
      try {
        const lan = parseLanPrint(
          await ipmitool('lan', 'print', String(channel)),
        );
        const nic = bmcNicFromLan(lan, channel);
        return nic ? [nic] : [];
      } catch (error) {
        // Only a wrong channel number is worth trying the next one for.
        if ((error as BmcError).kind !== 'unsupported') throw error;
      }
    }
    return [];
  };

  return {
    protocol: 'ipmi',
    async authenticate() {
      await ipmitool('chassis', 'power', 'status');
    },
    system,
    async inventory(): Promise<BmcInventoryDto> {
      // FRU 0 only: `fru print` fails as a whole when any other FRU is absent.
      const [power, fru, nics] = await Promise.all([
        system(),
        optional(() => ipmitool('fru', 'print', '0'), ''),
        optional(bmcNic, []),
      ]);
      return {
        system: { ...systemFromFru(parseFruPrint(fru)[0]), ...power },
        // Standard IPMI has no CPU, memory or disk inventory.
        processors: {},
        memory: {},
        disks: [],
        nics,
      };
    },
    async sensors() {
      const sensors = parseSensorList(await ipmitool('sensor', 'list'));
      const watts = powerConsumedWatts(sensors);
      return watts === undefined
        ? { sensors }
        : { sensors, powerConsumedWatts: watts };
    },
    async logEntries() {
      const max = options.maxLogEntries ?? DEFAULT_MAX_LOG_ENTRIES;
      if (max <= 0) return [];
      // `last N` keeps ipmitool from reading thousands of records on old BMCs.
      return parseSelList(
        await ipmitool('sel', 'elist', 'last', String(max)),
        max,
      );
    },
    async firmware() {
      return firmwareFromMcInfo(parseMcInfo(await ipmitool('mc', 'info')));
    },
    async close() {
      // ipmitool opens and closes its own session per run: nothing to log out.
    },
  };
}
