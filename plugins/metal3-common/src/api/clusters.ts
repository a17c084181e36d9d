import type { StackSummaryDto } from './checks';

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

/** A configured cluster with its connection health and size. @public */
export interface ClusterDto {
  name: string;
  title: string;
  authProvider: string;
  /** The API server URL in use. */
  server?: string;
  /** Every watched resource has listed at least once and none is failing. */
  connected: boolean;
  /** All resources listed at least once (data can be served). */
  synced: boolean;
  /** Since when the data served is no longer live (ISO 8601), if it is not. */
  staleSince?: string;
  lastError?: string;
  problem?: ClusterProblemDto;
  /** The Cluster API version in use (from discovery). */
  capiVersion?: string;
  /** Resources the cluster does not serve (CRD not installed). */
  unavailable: string[];
  hosts: number;
  pools: number;
  /** The Metal3 stack's health (runbook phase 1.3); absent until evaluated or without the checks. */
  stack?: StackSummaryDto;
}

/** `GET /clusters`. @public */
export interface ClusterListResponse {
  items: ClusterDto[];
}
