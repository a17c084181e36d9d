import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  ApprovalDto,
  ApprovalListQuery,
  ApprovalListResponse,
  ApprovalResponse,
  BmcPreflightRequest,
  BmcPreflightResponse,
  BmcTelemetryDto,
  ClusterDto,
  ClusterFindingsResponse,
  ClusterListResponse,
  EventDto,
  EventListResponse,
  FindingsResponse,
  HostFindingsResponse,
  ImageListResponse,
  HostAction,
  HostActionRequest,
  HostActionResult,
  HostDetailDto,
  HostHistoryResponse,
  HostListResponse,
  METAL3_PLUGIN_ID,
  ObjectRefDto,
  OperationDto,
  OperationResponse,
  PoolDetailDto,
  PoolListResponse,
  PoolSummaryDto,
} from '@metal3-fleet/plugin-metal3-common';
import { HostListParams, Metal3Api } from './Metal3Api';

const refPath = (ref: ObjectRefDto) =>
  [ref.cluster, ref.namespace, ref.name].map(encodeURIComponent).join('/');

/** Talks to the backend through the app's fetch API, which adds the user's token. @public */
export class Metal3Client implements Metal3Api {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async listClusters(): Promise<ClusterDto[]> {
    return (await this.#request<ClusterListResponse>('/clusters')).items;
  }

  async listHosts(params: HostListParams): Promise<HostListResponse> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined || value === '' || value === false) continue;
      if (Array.isArray(value)) value.forEach(v => query.append(key, v));
      else query.set(key, String(value));
    }
    return this.#request(`/hosts?${query}`);
  }

  getHost(ref: ObjectRefDto): Promise<HostDetailDto> {
    return this.#request(`/hosts/${refPath(ref)}`);
  }

  async listPools(): Promise<PoolSummaryDto[]> {
    return (await this.#request<PoolListResponse>('/pools')).items;
  }

  getPool(ref: ObjectRefDto): Promise<PoolDetailDto> {
    return this.#request(`/pools/${refPath(ref)}`);
  }

  runHostAction(
    ref: ObjectRefDto,
    action: HostAction,
    body: HostActionRequest = {},
  ): Promise<HostActionResult> {
    return this.#request(`/hosts/${refPath(ref)}/actions/${action}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async getOperation(id: string): Promise<OperationDto> {
    return (
      await this.#request<OperationResponse>(
        `/operations/${encodeURIComponent(id)}`,
      )
    ).operation;
  }

  getHostBmc(
    ref: ObjectRefDto,
    options: { refresh?: boolean } = {},
  ): Promise<BmcTelemetryDto> {
    return this.#request(
      `/hosts/${refPath(ref)}/bmc${options.refresh ? '?refresh=true' : ''}`,
    );
  }

  getHostHistory(ref: ObjectRefDto): Promise<HostHistoryResponse> {
    return this.#request(`/hosts/${refPath(ref)}/history`);
  }

  async getHostEvents(ref: ObjectRefDto): Promise<EventDto[]> {
    return (
      await this.#request<EventListResponse>(`/hosts/${refPath(ref)}/events`)
    ).items;
  }

  preflightBmc(request: BmcPreflightRequest): Promise<BmcPreflightResponse> {
    return this.#request('/bmc/preflight', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  async listApprovals(query: ApprovalListQuery = {}): Promise<ApprovalDto[]> {
    const params = new URLSearchParams();
    for (const state of query.state ?? []) params.append('state', state);
    for (const key of ['cluster', 'namespace', 'name'] as const) {
      const value = query[key];
      if (value) params.set(key, value);
    }
    const search = params.toString();
    return (
      await this.#request<ApprovalListResponse>(
        `/approvals${search ? `?${search}` : ''}`,
      )
    ).items;
  }

  async getApproval(id: string): Promise<ApprovalDto> {
    return (
      await this.#request<ApprovalResponse>(
        `/approvals/${encodeURIComponent(id)}`,
      )
    ).approval;
  }

  async decideApproval(
    id: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<ApprovalDto> {
    return (
      await this.#request<ApprovalResponse>(
        `/approvals/${encodeURIComponent(id)}/${decision}`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(comment ? { comment } : {}),
        },
      )
    ).approval;
  }

  async withdrawApproval(id: string): Promise<ApprovalDto> {
    return (
      await this.#request<ApprovalResponse>(
        `/approvals/${encodeURIComponent(id)}/withdraw`,
        { method: 'POST' },
      )
    ).approval;
  }

  getClusterFindings(cluster: string): Promise<ClusterFindingsResponse> {
    return this.#request(`/clusters/${encodeURIComponent(cluster)}/findings`);
  }

  listClusterImages(cluster: string): Promise<ImageListResponse> {
    return this.#request(`/clusters/${encodeURIComponent(cluster)}/images`);
  }

  getPoolFindings(ref: ObjectRefDto): Promise<FindingsResponse> {
    return this.#request(`/pools/${refPath(ref)}/findings`);
  }

  getHostFindings(ref: ObjectRefDto): Promise<HostFindingsResponse> {
    return this.#request(`/hosts/${refPath(ref)}/findings`);
  }

  async #request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl(METAL3_PLUGIN_ID);
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
