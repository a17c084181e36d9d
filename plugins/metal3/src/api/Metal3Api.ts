import { createApiRef } from '@backstage/frontend-plugin-api';

/** A cluster as the backend lists it: no credentials ever reach the browser. @public */
export interface ClusterSummary {
  name: string;
  title: string;
  authProvider: 'serviceAccount' | 'kubeconfig' | 'inCluster';
}

/** Client of the Metal3 backend API (`/api/metal3`). @public */
export interface Metal3Api {
  listClusters(): Promise<ClusterSummary[]>;
}

/** @public */
export const metal3ApiRef = createApiRef<Metal3Api>().with({
  id: 'plugin.metal3.api',
  pluginId: 'metal3',
});
