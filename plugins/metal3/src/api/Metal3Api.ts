import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  BmcPreflightRequest,
  BmcPreflightResponse,
  BmcTelemetryDto,
  ClusterDto,
  HostHardwareDetailsDto,
  HostListResponse,
  HostSummaryDto,
  ObjectRefDto,
  PoolSummaryDto,
} from '@metal3-fleet/plugin-metal3-common';

/** Filters of the fleet table; every field maps to a `GET /hosts` parameter. @public */
export interface HostListParams {
  q?: string;
  status?: string[];
  cluster?: string[];
  pool?: string[];
  vendor?: string[];
  protocol?: string[];
  power?: string[];
  owner?: string[];
  attention?: boolean;
  sort?: string;
  limit?: number;
  cursor?: string;
}

/** @public */
export type HostAction =
  | 'power-on'
  | 'power-off'
  | 'reboot'
  | 'inspect'
  | 'detach'
  | 'attach'
  | 'maintenance-on'
  | 'maintenance-off'
  | 'remove-from-pool';

/** The answer to a host action: done at once, or a tracked background operation. @public */
export type HostActionResult =
  | { changed: boolean; message: string }
  | { operation: { id: string; state: string } };

/**
 * A long host action that runs in the background (`GET /operations/:id`).
 * @public
 */
export interface OperationDto {
  id: string;
  action?: string;
  state: 'running' | 'succeeded' | 'failed';
  result?: string;
  error?: string;
  log?: { at: string; message: string }[];
}

/**
 * The node of a host as the host page reads it (`podCount`: the pods a
 * drain would evict, read live by the backend).
 * @public
 */
export type HostNodeDto = NonNullable<HostSummaryDto['node']> & {
  kubeletVersion?: string;
};

/** A host with everything the host page shows. @public */
export interface HostDetailDto extends HostSummaryDto {
  node?: HostNodeDto;
  hardwareError?: string;
  hardwareDetails?: HostHardwareDetailsDto;
  operationHistory: Record<string, { start?: string; end?: string }>;
  errorMessage?: string;
  imageUrl?: string;
  bootMode?: string;
  metal3Machine?: string;
  machinePhase?: string;
}

/** A pool with its members and health checks. @public */
export interface PoolDetailDto extends PoolSummaryDto {
  members: HostSummaryDto[];
  healthChecks: {
    name: string;
    maxUnhealthy?: number | string;
    nodeStartupTimeoutSeconds?: number;
  }[];
  remediations: {
    name: string;
    phase?: string;
    retryCount?: number;
    retryLimit?: number;
  }[];
  maxSurge?: number | string;
  maxUnavailable?: number | string;
}

/** Client of the Metal3 backend API (`/api/metal3`). @public */
export interface Metal3Api {
  listClusters(): Promise<ClusterDto[]>;
  listHosts(params: HostListParams): Promise<HostListResponse>;
  getHost(ref: ObjectRefDto): Promise<HostDetailDto>;
  listPools(): Promise<PoolSummaryDto[]>;
  getPool(ref: ObjectRefDto): Promise<PoolDetailDto>;
  runHostAction(
    ref: ObjectRefDto,
    action: HostAction,
    body?: { mode?: 'soft' | 'hard' },
  ): Promise<HostActionResult>;
  getOperation(id: string): Promise<OperationDto>;
  /** Live BMC data; `refresh` skips the backend's short cache. */
  getHostBmc(
    ref: ObjectRefDto,
    options?: { refresh?: boolean },
  ): Promise<BmcTelemetryDto>;
  /** Checks a BMC address and credentials before enrollment. */
  preflightBmc(request: BmcPreflightRequest): Promise<BmcPreflightResponse>;
}

/** @public */
export const metal3ApiRef = createApiRef<Metal3Api>().with({
  id: 'plugin.metal3.api',
  pluginId: 'metal3',
});
