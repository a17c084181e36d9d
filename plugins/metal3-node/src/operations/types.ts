import type { ClusterCache } from '../cluster/ClusterCache';

export interface OperationResult {
  /** False when the target already was in the requested state (nothing written). */
  changed: boolean;
  message: string;
}

/** One host of one cluster. */
export interface HostTarget {
  cache: ClusterCache;
  namespace: string;
  name: string;
}
