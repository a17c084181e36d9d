import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ApprovalDto,
  ApprovalListQuery,
  BmcPreflightRequest,
  BmcPreflightResponse,
  BmcTelemetryDto,
  ClusterDto,
  EventDto,
  ClusterFindingsResponse,
  FindingsResponse,
  HostFindingsResponse,
  ImageListResponse,
  HostAction,
  HostActionRequest,
  HostActionResult,
  HostDetailDto,
  HostHistoryResponse,
  HostListQuery,
  HostListResponse,
  ObjectRefDto,
  OperationDto,
  PoolDetailDto,
  PoolSummaryDto,
} from '@metal3-fleet/plugin-metal3-common';

/**
 * Filters of the fleet table: the `GET /hosts` query (HostListQuery of
 * metal3-common) with a boolean `attention` and a numeric `limit`, which the
 * client turns into the strings the API takes.
 *
 * @public
 */
export type HostListParams = Omit<HostListQuery, 'attention' | 'limit'> & {
  attention?: boolean;
  limit?: number;
};

/**
 * Client of the Metal3 backend API (`/api/metal3`). Every request and
 * answer is a wire type of `@metal3-fleet/plugin-metal3-common`, the same
 * types the backend builds its bodies with.
 *
 * @public
 */
export interface Metal3Api {
  listClusters(): Promise<ClusterDto[]>;
  listHosts(params: HostListParams): Promise<HostListResponse>;
  getHost(ref: ObjectRefDto): Promise<HostDetailDto>;
  listPools(): Promise<PoolSummaryDto[]>;
  getPool(ref: ObjectRefDto): Promise<PoolDetailDto>;
  runHostAction(
    ref: ObjectRefDto,
    action: HostAction,
    body?: HostActionRequest,
  ): Promise<HostActionResult>;
  getOperation(id: string): Promise<OperationDto>;
  /** Live BMC data; `refresh` skips the backend's short cache. */
  getHostBmc(
    ref: ObjectRefDto,
    options?: { refresh?: boolean },
  ): Promise<BmcTelemetryDto>;
  /** The host's last 24 h from the backend's database: power and temperature readings, long operations. */
  getHostHistory(ref: ObjectRefDto): Promise<HostHistoryResponse>;
  /** Kubernetes events of the host, its Machine and its Node, newest first. */
  getHostEvents(ref: ObjectRefDto): Promise<EventDto[]>;
  /** Checks a BMC address and credentials before enrollment. */
  preflightBmc(request: BmcPreflightRequest): Promise<BmcPreflightResponse>;
  /** Approvals the caller may read (newest first), each saying whether the caller may decide it. */
  listApprovals(query?: ApprovalListQuery): Promise<ApprovalDto[]>;
  getApproval(id: string): Promise<ApprovalDto>;
  /** Approve (runs a REST request once) or reject; 403 for the requester, 409 once decided. */
  decideApproval(
    id: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<ApprovalDto>;
  /** The requester takes their request back before it runs. */
  withdrawApproval(id: string): Promise<ApprovalDto>;
  /** Runbook checks of a cluster: Metal3 stack health and ProviderNetwork coverage. */
  getClusterFindings(cluster: string): Promise<ClusterFindingsResponse>;
  /** Every OS image in use in a cluster, with its users and probes. */
  listClusterImages(cluster: string): Promise<ImageListResponse>;
  /** Runbook checks of a pool and the problems of its members. */
  getPoolFindings(ref: ObjectRefDto): Promise<FindingsResponse>;
  /** Runbook checks of a host, with its remediation history. */
  getHostFindings(ref: ObjectRefDto): Promise<HostFindingsResponse>;
}

/** @public */
export const metal3ApiRef = createApiRef<Metal3Api>().with({
  id: 'plugin.metal3.api',
  pluginId: 'metal3',
});
