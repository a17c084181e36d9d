export { metal3ClusterServiceRef } from './metal3ClusterServiceRef';
export { DefaultMetal3ClusterService } from './Metal3ClusterService';
export type { Metal3ClusterService } from './Metal3ClusterService';
export { ClusterCache } from './ClusterCache';
export type {
  ClusterChange,
  ClusterHealth,
  ClusterCacheTuning,
  ResourceAvailability,
} from './ClusterCache';
export type { ClusterProblem } from './clusterProblem';
export { RESOURCE_TYPES, collectionPath } from './resourceTypes';
export type { ResourceName, ProjectionOf, ResourceType } from './resourceTypes';
export type { InformerChange, InformerState } from './ResourceInformer';
export * from './projections';
export {
  KubeClient,
  KubeApiError,
  isExpired,
  isTooManyRequests,
  isUnauthorized,
  loadKubeConfig,
} from './kube';
export type { KubeClientOptions } from './kube';
export { requireClient } from './requireClient';
