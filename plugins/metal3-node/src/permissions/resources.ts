import {
  METAL3_HOST_RESOURCE_TYPE,
  METAL3_PLUGIN_ID,
  METAL3_POOL_RESOURCE_TYPE,
} from '@metal3-fleet/plugin-metal3-common';
import { createPermissionResourceRef } from '@backstage/plugin-permission-node';

/** What a host permission rule sees of a BareMetalHost. */
export interface Metal3HostResource {
  cluster: string;
  namespace: string;
  name: string;
  /** Owner entity ref, resolved the same way the catalog resolves it. */
  owner: string;
  labels: Record<string, string>;
}

/** What a pool permission rule sees of a MachineDeployment. */
export interface Metal3PoolResource {
  cluster: string;
  namespace: string;
  name: string;
  owner: string;
}

/**
 * Filters the backend applies to its in-memory fleet index. The rules carry
 * them for `toQuery`, the permission framework's contract; nothing queries a
 * database with them.
 */
export type Metal3ResourceFilter =
  | { property: 'owner'; values: string[] }
  | { property: 'cluster'; values: string[] }
  | { property: 'label'; key: string; value?: string };

export const metal3HostResourceRef = createPermissionResourceRef<
  Metal3HostResource,
  Metal3ResourceFilter
>().with({
  pluginId: METAL3_PLUGIN_ID,
  resourceType: METAL3_HOST_RESOURCE_TYPE,
});

export const metal3PoolResourceRef = createPermissionResourceRef<
  Metal3PoolResource,
  Metal3ResourceFilter
>().with({
  pluginId: METAL3_PLUGIN_ID,
  resourceType: METAL3_POOL_RESOURCE_TYPE,
});
