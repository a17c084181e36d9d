import { HostStatus } from '../status/hostStatus';
import { OperationHistory, StuckReport } from '../status/stuck';
import { ObjectRefDto, StaleClusterDto } from './common';

/** Inspected hardware facts of a host, for the fleet table. @public */
export interface HardwareSummaryDto {
  manufacturer?: string;
  productName?: string;
  serialNumber?: string;
  cpuModel?: string;
  cpuCores?: number;
  ramGiB?: number;
  diskCount?: number;
  diskTotalBytes?: number;
  nicCount?: number;
}

/**
 * The Kubernetes node running on a host. `podCount`, `kubeletVersion` and
 * `addresses` are read for the host detail only.
 *
 * @public
 */
export interface HostNodeDto {
  name: string;
  ready: 'True' | 'False' | 'Unknown';
  /** Cordoned (`spec.unschedulable`). */
  unschedulable: boolean;
  /** Pods a drain would evict, read live. */
  podCount?: number;
  kubeletVersion?: string;
  addresses?: { type: string; address: string }[];
}

/** Where a host's BMC is (userinfo redacted), never its credentials. @public */
export interface HostBmcDto {
  protocol?: string;
  host?: string;
  address?: string;
}

/** One row of the fleet table (`GET /hosts`). @public */
export interface HostSummaryDto extends ObjectRefDto {
  /** Catalog entity ref of the host, e.g. `resource:default/kube-dc-mgmt.metal3.worker-0`. */
  entityRef: string;
  status: HostStatus;
  provisioningState?: string;
  /** `spec.online`: the power state the operator enforces. */
  online?: boolean;
  pool?: ObjectRefDto;
  /** Name of the host's Machine. */
  machine?: string;
  node?: HostNodeDto;
  /** Entity ref of the owner. */
  owner: string;
  bmc: HostBmcDto;
  bootMACAddress?: string;
  hardware?: HardwareSummaryDto;
  labels: Record<string, string>;
  /** Seconds in the current transient operation, when known. */
  timeInStateSeconds?: number;
  stuck?: StuckReport;
  /** The cluster's data is not live; served from the last good read. */
  stale?: boolean;
}

/**
 * Counts per value of each facet, over the hosts matching every other
 * filter (so a facet never hides its own alternatives).
 *
 * @public
 */
export type HostFacetsDto = Record<
  'status' | 'pool' | 'cluster' | 'vendor' | 'protocol',
  Record<string, number>
>;

/**
 * The query of `GET /hosts` as it travels: every value a string. Repeat a
 * filter to match any of its values.
 *
 * @public
 */
export interface HostListQuery {
  /** Free text, `-negation`, `field:value`, `label:key[=value]`, `is:attention`. */
  q?: string;
  cluster?: string[];
  namespace?: string[];
  status?: string[];
  pool?: string[];
  owner?: string[];
  vendor?: string[];
  protocol?: string[];
  power?: string[];
  /** `key` or `key=value`. */
  label?: string[];
  /** Only hosts with errors or stuck. */
  attention?: 'true' | 'false';
  /** A field, `-` prefix for descending. */
  sort?: string;
  /** Page size, 1–500 (default 50). */
  limit?: string;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** The query of `GET /hosts/{cluster}/{namespace}/{name}/bmc`. @public */
export interface HostBmcQuery {
  /** Bypass the backend's short cache. */
  refresh?: 'true' | 'false';
  /** Also read the firmware inventory (one request per component). */
  firmware?: 'true' | 'false';
}

/** `GET /hosts`. @public */
export interface HostListResponse {
  items: HostSummaryDto[];
  /** Matching hosts across all pages. */
  total: number;
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
  facets: HostFacetsDto;
  /** Clusters whose data is stale, with the time it went stale. */
  staleClusters: StaleClusterDto[];
}

/** A NIC as inspection reported it; one entry per MAC (Metal3 lists one per IP). @public */
export interface HostNicDto {
  name?: string;
  mac?: string;
  ips: string[];
  speedGbps?: number;
  pxe?: boolean;
  model?: string;
}

/** @public */
export interface HostDiskDto {
  name?: string;
  sizeBytes?: number;
  type?: string;
  rotational?: boolean;
  model?: string;
  serialNumber?: string;
}

/** The inspected hardware of a host (BareMetalHost `status.hardware`, trimmed). @public */
export interface HostHardwareDetailsDto {
  manufacturer?: string;
  productName?: string;
  serialNumber?: string;
  cpuModel?: string;
  cpuArch?: string;
  cpuCount?: number;
  cpuMhz?: number;
  ramMebibytes?: number;
  biosVersion?: string;
  biosVendor?: string;
  hostname?: string;
  nics: HostNicDto[];
  disks: HostDiskDto[];
}

/** `GET /hosts/{cluster}/{namespace}/{name}`: everything the host page shows. @public */
export interface HostDetailDto extends HostSummaryDto {
  /** NICs and disks, read live from the cluster. */
  hardwareDetails?: HostHardwareDetailsDto;
  /** Why `hardwareDetails` is missing although the host was inspected. */
  hardwareError?: string;
  operationHistory: OperationHistory;
  errorMessage?: string;
  /** The host's annotations that change what the portal shows or allows. */
  annotations: Record<string, string>;
  bootMode?: string;
  imageUrl?: string;
  /** `spec.automatedCleaningMode`. */
  automatedCleaningMode?: string;
  metal3Machine?: string;
  machinePhase?: string;
}
