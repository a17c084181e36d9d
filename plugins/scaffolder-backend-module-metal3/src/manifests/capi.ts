/**
 * What differs between Cluster API v1beta1 and v1beta2 in the objects we
 * write (../shared/notes/metal3.md §7.3, §7.4). CAPI ≥ 1.11 stores v1beta2 and
 * still serves v1beta1; older management clusters only serve v1beta1. We
 * write whichever the cluster prefers, so the builders take the version.
 */

import type { CapiVersion } from '@metal3-fleet/plugin-metal3-node';

export type { CapiVersion };
export {
  DEPLOYMENT_NAME_LABEL,
  TOPOLOGY_DEPLOYMENT_LABEL,
} from '@metal3-fleet/plugin-metal3-node';

export const CAPI_VERSIONS: readonly CapiVersion[] = ['v1beta1', 'v1beta2'];

export const CAPI_GROUP = 'cluster.x-k8s.io';
export const INFRA_GROUP = 'infrastructure.cluster.x-k8s.io';
export const IPAM_GROUP = 'ipam.metal3.io';

export const capiApiVersion = (v: CapiVersion) => `${CAPI_GROUP}/${v}`;
export const infraApiVersion = (v: CapiVersion) => `${INFRA_GROUP}/${v}`;

/**
 * A contract reference (MachineDeployment → template): v1beta2 names the API
 * group only (`apiGroup`), v1beta1 the full `apiVersion` of the referent.
 */
export function contractRef(
  v: CapiVersion,
  group: string,
  kind: string,
  name: string,
) {
  return v === 'v1beta2'
    ? { apiGroup: group, kind, name }
    : { apiVersion: `${group}/${v}`, kind, name };
}

/** v1beta1 writes durations as Go strings ("300s"), v1beta2 as integer seconds. */
export const goDuration = (seconds: number) => `${seconds}s`;

export const CLUSTER_NAME_LABEL = 'cluster.x-k8s.io/cluster-name';
