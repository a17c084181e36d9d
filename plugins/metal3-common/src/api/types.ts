import { HostStatus } from '../status/hostStatus';
import { PoolHealth } from '../status/poolHealth';
import { StuckReport } from '../status/stuck';

/**
 * Shapes of the `/api/metal3` REST API, shared by the backend and the
 * frontend. BMC credentials never appear in any of them.
 */

/** Identifies an object in a cluster. @public */
export interface ObjectRefDto {
  cluster: string;
  namespace: string;
  name: string;
}

/** @public */
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

/** One row of the fleet table. @public */
export interface HostSummaryDto extends ObjectRefDto {
  /** Catalog entity ref of the host, e.g. `resource:default/kube-dc-mgmt.metal3.worker-0`. */
  entityRef: string;
  status: HostStatus;
  provisioningState?: string;
  online?: boolean;
  pool?: ObjectRefDto;
  machine?: string;
  node?: {
    name: string;
    ready: 'True' | 'False' | 'Unknown';
    unschedulable: boolean;
    /** Pods a drain would evict (host detail only, read live). */
    podCount?: number;
  };
  owner: string;
  bmc: { protocol?: string; host?: string; address?: string };
  bootMACAddress?: string;
  hardware?: HardwareSummaryDto;
  labels: Record<string, string>;
  /** Seconds in the current transient operation, when known. */
  timeInStateSeconds?: number;
  stuck?: StuckReport;
  /** The cluster's data is not live; served from the last good read. */
  stale?: boolean;
}

/** @public */
export interface HostListResponse {
  items: HostSummaryDto[];
  /** Matching hosts across all pages. */
  total: number;
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
  /** Counts per value of each facet, over the hosts matching every other filter. */
  facets: Record<
    'status' | 'pool' | 'cluster' | 'vendor' | 'protocol',
    Record<string, number>
  >;
  /** Clusters whose data is stale, with the time it went stale. */
  staleClusters: { name: string; staleSince: string; lastError?: string }[];
}

/** @public */
export interface PoolSummaryDto extends ObjectRefDto {
  entityRef: string;
  clusterName?: string;
  desiredReplicas: number;
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  upToDateReplicas: number;
  phase?: string;
  health: PoolHealth;
  version?: string;
  template?: {
    name: string;
    imageUrl?: string;
    /** The checksum (or its URL) and disk format, for prefilled upgrades. */
    imageChecksum?: string;
    imageFormat?: string;
    hostSelector: string;
  };
  /** Free hosts matching the host selector: what a scale-up can use. */
  freeMatchingHosts: number;
  owner: string;
  stale?: boolean;
}

/**
 * What stops the portal from reading a cluster, and how to fix it (the
 * backend's ClusterProblem). Never holds a credential.
 *
 * @public
 */
export interface ClusterProblemDto {
  code:
    | 'config'
    | 'unauthorized'
    | 'forbidden'
    | 'unreachable'
    | 'tls'
    | 'throttled'
    | 'missing-crds'
    | 'failing';
  /** What is wrong, naming the cluster and the config key or CRD. */
  message: string;
  /** What to do about it. */
  fix: string;
}

/** @public */
export interface ClusterDto {
  name: string;
  title: string;
  authProvider: string;
  /** The API server URL in use. */
  server?: string;
  connected: boolean;
  synced: boolean;
  staleSince?: string;
  lastError?: string;
  problem?: ClusterProblemDto;
  capiVersion?: string;
  /** Resources the cluster does not serve (CRD not installed). */
  unavailable?: string[];
  hosts: number;
  pools: number;
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
