import { PoolHealth } from '../status/poolHealth';
import { ObjectRefDto, StaleClusterDto } from './common';
import { HostSummaryDto } from './hosts';

/** The Metal3MachineTemplate of a pool. @public */
export interface PoolTemplateDto {
  name: string;
  imageUrl?: string;
  /** The checksum (or its URL), for prefilled upgrades. */
  imageChecksum?: string;
  imageFormat?: string;
  /** The host selector as a label selector string. */
  hostSelector: string;
}

/** A worker pool (MachineDeployment) with its capacity and health. @public */
export interface PoolSummaryDto extends ObjectRefDto {
  entityRef: string;
  /** The CAPI Cluster of the pool. */
  clusterName?: string;
  desiredReplicas: number;
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  upToDateReplicas: number;
  phase?: string;
  health: PoolHealth;
  version?: string;
  template?: PoolTemplateDto;
  /** Free hosts matching the host selector: what a scale-up can use. */
  freeMatchingHosts: number;
  owner: string;
  stale?: boolean;
}

/** `GET /pools`. @public */
export interface PoolListResponse {
  items: PoolSummaryDto[];
  staleClusters: StaleClusterDto[];
}

/** A MachineHealthCheck of a pool. @public */
export interface HealthCheckDto {
  name: string;
  maxUnhealthy?: number | string;
  nodeStartupTimeoutSeconds?: number;
  unhealthyNodeConditions: {
    type: string;
    status: string;
    timeoutSeconds?: number;
  }[];
  /** The template remediations of unhealthy Machines are made from. */
  remediationTemplate?: {
    kind: string;
    name: string;
    namespace?: string;
    apiGroup?: string;
  };
  expectedMachines?: number;
  currentHealthy?: number;
  remediationsAllowed?: number;
}

/** A Metal3Remediation of one of a pool's Machines. @public */
export interface RemediationDto {
  /** Named after the Machine it remediates. */
  name: string;
  strategy?: string;
  phase?: string;
  retryCount?: number;
  retryLimit?: number;
  lastRemediated?: string;
}

/** `GET /pools/{cluster}/{namespace}/{name}`: a pool with its members. @public */
export interface PoolDetailDto extends PoolSummaryDto {
  members: HostSummaryDto[];
  healthChecks: HealthCheckDto[];
  remediations: RemediationDto[];
  maxSurge?: number | string;
  maxUnavailable?: number | string;
}

/**
 * Body of `POST /pools/{cluster}/{namespace}/{name}/actions/scale`: exactly
 * one of `replicas` (a target) and `delta` (a difference, ±100 at most).
 *
 * @public
 */
export interface PoolScaleRequest {
  replicas?: number;
  delta?: number;
}

/** The answer to a scale request; `changed: false` when the pool already had that size. @public */
export interface PoolScaleResponse {
  changed: boolean;
  message: string;
  from: number;
  to: number;
  /** Where the replicas were written: the MachineDeployment, or the Cluster's topology. */
  via: 'machineDeployment' | 'topology';
}
