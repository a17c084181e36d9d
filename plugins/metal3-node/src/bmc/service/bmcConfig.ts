import { Config, ConfigReader } from '@backstage/config';

/** `metal3.bmc` as the BMC service uses it; every key optional, with defaults. @public */
export interface BmcSettings {
  requestTimeoutMs: number;
  connectTimeoutMs: number;
  retries: number;
  maxLogEntries: number;
  maxResponseBytes: number;
  telemetry: {
    cacheSeconds: number;
    maxInFlight: number;
    hostDeadlineMs: number;
  };
  ipmi: {
    ipmitoolPath?: string;
    privilegeLevel?: 'USER' | 'OPERATOR' | 'ADMINISTRATOR';
    cipherSuite?: number;
    interface?: 'lanplus' | 'lan';
  };
}

function positive(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!(value > 0)) {
    throw new Error(
      `metal3.bmc.${key}: must be a positive number, got ${value}`,
    );
  }
  return value;
}

function oneOf<T extends string>(
  config: Config,
  key: string,
  allowed: readonly T[],
): T | undefined {
  const value = config.getOptionalString(key);
  if (value !== undefined && !allowed.includes(value as T)) {
    throw new Error(
      `metal3.bmc.${key}: "${value}" is not one of ${allowed.join(', ')}`,
    );
  }
  return value as T | undefined;
}

/** Reads `metal3.bmc`; errors name the key. @public */
export function readBmcSettings(root: Config): BmcSettings {
  const c = root.getOptionalConfig('metal3.bmc') ?? new ConfigReader({});
  return {
    requestTimeoutMs: positive(c, 'requestTimeoutSeconds', 20) * 1000,
    connectTimeoutMs: positive(c, 'connectTimeoutSeconds', 5) * 1000,
    retries: c.getOptionalNumber('retries') ?? 2,
    maxLogEntries: positive(c, 'maxLogEntries', 50),
    maxResponseBytes: positive(c, 'maxResponseBytes', 8 * 1024 * 1024),
    telemetry: {
      cacheSeconds: positive(c, 'telemetry.cacheSeconds', 60),
      maxInFlight: positive(c, 'telemetry.maxInFlight', 256),
      hostDeadlineMs: positive(c, 'telemetry.hostDeadlineSeconds', 15) * 1000,
    },
    ipmi: {
      ipmitoolPath: c.getOptionalString('ipmi.ipmitoolPath'),
      privilegeLevel: oneOf(c, 'ipmi.privilegeLevel', [
        'USER',
        'OPERATOR',
        'ADMINISTRATOR',
      ] as const),
      cipherSuite: c.getOptionalNumber('ipmi.cipherSuite'),
      interface: oneOf(c, 'ipmi.interface', ['lanplus', 'lan'] as const),
    },
  };
}
