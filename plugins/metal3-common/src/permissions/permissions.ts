import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Permissions of the Metal3 plugin set.
 *
 * Reads are `read` actions so that a policy can grant every read at once;
 * power and maintenance are `update`s, removal and decommissioning `delete`s.
 * Enrollment and pool creation are `create`s.
 *
 * Permissions on one host or one pool are resource permissions, so a policy
 * can answer with conditions ("owned by one of my groups", "in cluster X")
 * that the backend evaluates per host or pool. Their resource refs are
 * `<cluster>/<namespace>/<name>` (see {@link metal3ResourceRef}).
 */

/** Resource type of BareMetalHost permissions. @public */
export const METAL3_HOST_RESOURCE_TYPE = 'metal3-host';

/** Resource type of worker pool (MachineDeployment) permissions. @public */
export const METAL3_POOL_RESOURCE_TYPE = 'metal3-pool';

/**
 * The resource ref of a host or pool in permission requests.
 *
 * @public
 */
export function metal3ResourceRef(ref: {
  cluster: string;
  namespace: string;
  name: string;
}): string {
  return `${ref.cluster}/${ref.namespace}/${ref.name}`;
}

/** Inverse of {@link metal3ResourceRef}; undefined for anything malformed. @public */
export function parseMetal3ResourceRef(
  ref: string,
): { cluster: string; namespace: string; name: string } | undefined {
  const parts = ref.split('/');
  if (parts.length !== 3 || parts.some(p => p === '')) return undefined;
  const [cluster, namespace, name] = parts;
  return { cluster, namespace, name };
}

/** @public */
export const metal3HostReadPermission = createPermission({
  name: 'metal3.host.read',
  resourceType: METAL3_HOST_RESOURCE_TYPE,
  attributes: { action: 'read' },
});

/** @public */
export const metal3HostPowerPermission = createPermission({
  name: 'metal3.host.power',
  resourceType: METAL3_HOST_RESOURCE_TYPE,
  attributes: { action: 'update' },
});

/** @public */
export const metal3HostManagePermission = createPermission({
  name: 'metal3.host.manage',
  resourceType: METAL3_HOST_RESOURCE_TYPE,
  attributes: { action: 'update' },
});

/** @public */
export const metal3HostRemovePermission = createPermission({
  name: 'metal3.host.remove',
  resourceType: METAL3_HOST_RESOURCE_TYPE,
  attributes: { action: 'delete' },
});

/** @public */
export const metal3HostEnrollPermission = createPermission({
  name: 'metal3.host.enroll',
  attributes: { action: 'create' },
});

/** @public */
export const metal3PoolReadPermission = createPermission({
  name: 'metal3.pool.read',
  resourceType: METAL3_POOL_RESOURCE_TYPE,
  attributes: { action: 'read' },
});

/** @public */
export const metal3PoolScalePermission = createPermission({
  name: 'metal3.pool.scale',
  resourceType: METAL3_POOL_RESOURCE_TYPE,
  attributes: { action: 'update' },
});

/** @public */
export const metal3PoolCreatePermission = createPermission({
  name: 'metal3.pool.create',
  attributes: { action: 'create' },
});

/** @public */
export const metal3ClusterReadPermission = createPermission({
  name: 'metal3.cluster.read',
  attributes: { action: 'read' },
});

/**
 * Deciding (approving or rejecting) another person's request for a risky
 * operation (`metal3.approvals.required`). A basic permission: the decision
 * is about the request, whose target the decider must also be able to read.
 * The requester never decides their own request, whatever the policy says.
 *
 * @public
 */
export const metal3ApprovalDecidePermission = createPermission({
  name: 'metal3.approval.decide',
  attributes: { action: 'update' },
});

/**
 * Every permission of the plugin set, for registration in the permissions registry.
 *
 * @public
 */
export const metal3Permissions = [
  metal3HostReadPermission,
  metal3HostPowerPermission,
  metal3HostManagePermission,
  metal3HostRemovePermission,
  metal3HostEnrollPermission,
  metal3PoolReadPermission,
  metal3PoolScalePermission,
  metal3PoolCreatePermission,
  metal3ClusterReadPermission,
  metal3ApprovalDecidePermission,
];
