import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { METAL3_PLUGIN_ID } from '@internal/plugin-metal3-common';
import { ClusterSummary, Metal3Api } from './Metal3Api';

/** Talks to the backend through the app's fetch API, which adds the user's token. */
export class Metal3Client implements Metal3Api {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async listClusters(): Promise<ClusterSummary[]> {
    const body = await this.#get<{ items: ClusterSummary[] }>('/clusters');
    return body.items;
  }

  async #get<T>(path: string): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl(METAL3_PLUGIN_ID);
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
