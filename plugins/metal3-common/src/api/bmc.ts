/**
 * Shapes of what the portal reads from BMCs (Redfish or IPMI), shared by the
 * BMC clients, the REST API and the frontend. Every field is optional because
 * BMCs leave out whatever their firmware does not implement. Credentials never
 * appear in any of them.
 */

/** @public */
export type BmcPowerState =
  | 'On'
  | 'Off'
  | 'PoweringOn'
  | 'PoweringOff'
  | 'Unknown';

/** Redfish `Status.Health`; IPMI hosts map from sensor states. @public */
export type BmcHealth = 'OK' | 'Warning' | 'Critical';

/** @public */
export interface BmcSystemDto {
  /** The Redfish `@odata.id` of the system, absent for IPMI. */
  id?: string;
  manufacturer?: string;
  model?: string;
  serialNumber?: string;
  uuid?: string;
  sku?: string;
  biosVersion?: string;
  powerState?: BmcPowerState;
  health?: BmcHealth;
}

/** One NIC port; ranked so that the first is the most likely boot NIC. @public */
export interface BmcNicDto {
  /** The port or interface id as the BMC names it. */
  name?: string;
  mac: string;
  speedMbps?: number;
  linkUp?: boolean;
  /** Why this NIC ranks where it does, for the boot-MAC picker. */
  note?: string;
}

/** @public */
export interface BmcInventoryDto {
  system: BmcSystemDto;
  processors: {
    count?: number;
    model?: string;
    cores?: number;
    threads?: number;
  };
  memory: { totalGiB?: number; modules?: number };
  disks: {
    name?: string;
    sizeBytes?: number;
    model?: string;
    serialNumber?: string;
    mediaType?: string;
  }[];
  nics: BmcNicDto[];
}

/** @public */
export interface BmcSensorDto {
  name: string;
  kind: 'temperature' | 'fan' | 'power' | 'voltage' | 'other';
  reading?: number;
  /** `Cel`, `RPM`, `%`, `W`, `V`. */
  unit?: string;
  health?: BmcHealth;
}

/** @public */
export interface BmcSensorsDto {
  sensors: BmcSensorDto[];
  powerConsumedWatts?: number;
}

/** One SEL / log service entry. @public */
export interface BmcLogEntryDto {
  id?: string;
  created?: string;
  severity?: BmcHealth;
  message: string;
}

/** @public */
export interface BmcFirmwareDto {
  name: string;
  version?: string;
  updateable?: boolean;
}

/** Live BMC data of one enrolled host, as `GET /hosts/{cluster}/{namespace}/{name}/bmc` serves it. @public */
export interface BmcTelemetryDto {
  protocol: 'redfish' | 'ipmi';
  /** When the BMC was read; the backend caches for `metal3.bmc.telemetry.cacheSeconds`. */
  readAt: string;
  system?: BmcSystemDto;
  sensors?: BmcSensorsDto;
  logEntries?: BmcLogEntryDto[];
  firmware?: BmcFirmwareDto[];
  /** Parts that could not be read, each with a message naming the cause. */
  errors: {
    part: 'system' | 'sensors' | 'logEntries' | 'firmware';
    message: string;
  }[];
}

/** Body of `POST /bmc/preflight`. Give `password` or `credentialsRef`, not both. @public */
export interface BmcPreflightRequest {
  address: string;
  username?: string;
  password?: string;
  /** A Secret holding `username` and `password` in the cluster. */
  credentialsRef?: { cluster: string; namespace: string; name: string };
  disableCertificateVerification?: boolean;
}

/** @public */
export type BmcPreflightCheckId =
  | 'address'
  | 'dns'
  | 'tcp'
  | 'tls'
  | 'authentication'
  | 'system'
  | 'power'
  | 'bootMacs';

/** @public */
export interface BmcPreflightCheck {
  id: BmcPreflightCheckId;
  status: 'pass' | 'fail' | 'warn' | 'skipped';
  message: string;
}

/** @public */
export interface BmcPreflightResponse {
  /** True when no check failed. */
  ok: boolean;
  checks: BmcPreflightCheck[];
  system?: BmcSystemDto;
  /** Ranked candidates for `spec.bootMACAddress`. */
  bootMacCandidates: BmcNicDto[];
  /** When the service has several systems and the address names none. */
  systemChoices?: string[];
}
