import type {
  BmcFirmwareDto,
  BmcInventoryDto,
  BmcLogEntryDto,
  BmcSensorsDto,
  BmcSystemDto,
} from '@metal3-fleet/plugin-metal3-common';
import type { GuardVerdict } from './ssrf';

/** Where and how to reach one BMC. The password lives only in memory. */
export interface BmcTarget {
  /** The BareMetalHost `spec.bmc.address`, any scheme BMO accepts. */
  address: string;
  username: string;
  password: string;
  /** Mirrors `spec.bmc.disableCertificateVerification`. */
  disableCertificateVerification?: boolean;
  /** PEM bundle to verify the BMC certificate against instead of the system store. */
  caBundle?: string;
}

/** Cross-cutting limits; every client has defaults. */
export interface BmcClientOptions {
  /** Checks every outbound host (and every redirect target) before connecting. */
  guard: (host: string) => Promise<GuardVerdict>;
  /** Per-request timeout, ms (default 20 000). */
  requestTimeoutMs?: number;
  /** Connect timeout, ms (default 5 000). */
  connectTimeoutMs?: number;
  /** Retries of idempotent reads on 5xx/reset/503 (default 2). */
  retries?: number;
  /** Cap on log entries read (default 50). */
  maxLogEntries?: number;
  /** Redfish: response bodies larger than this fail the request (default 8 MiB). */
  maxResponseBytes?: number;
  signal?: AbortSignal;
  /**
   * Redfish: Basic on every request instead of a session (no login, no
   * logout, no session slot used); telemetry passes over many BMCs use it.
   */
  preferBasicAuth?: boolean;
}

/**
 * Why a BMC read failed, as a user can act on it. Messages name the BMC host
 * and the cause, never credentials.
 */
export type BmcErrorKind =
  | 'address' // unparsable or unsupported address
  | 'refused' // the SSRF guard said no
  | 'dns'
  | 'connect' // ECONNREFUSED, EHOSTUNREACH, connect timeout
  | 'tls' // certificate or protocol error
  | 'timeout' // connected, no answer in time
  | 'auth' // 401 / wrong password
  | 'forbidden' // 403 / privilege too low
  | 'not-found' // system or resource absent
  | 'protocol' // unparsable answer, unexpected status
  | 'too-large' // a response body over metal3.bmc.maxResponseBytes
  | 'unsupported'; // the BMC does not implement it

export class BmcError extends Error {
  readonly kind: BmcErrorKind;
  constructor(
    kind: BmcErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BmcError';
    this.kind = kind;
  }
}

/**
 * Read-only access to one BMC. Power changes never go through here: they go
 * through the BareMetalHost (`../shared/ARCHITECTURE.md`).
 */
export interface BmcReader {
  readonly protocol: 'redfish' | 'ipmi';
  /** Proves the credentials (an authenticated read, not the open service root). */
  authenticate(): Promise<void>;
  /** Power state and health only: the cheap pass. */
  system(): Promise<BmcSystemDto>;
  inventory(): Promise<BmcInventoryDto>;
  sensors(): Promise<BmcSensorsDto>;
  /** Newest first, at most `maxLogEntries`. */
  logEntries(): Promise<BmcLogEntryDto[]>;
  firmware(): Promise<BmcFirmwareDto[]>;
  /** Logs out any session; safe to call twice. */
  close(): Promise<void>;
}
