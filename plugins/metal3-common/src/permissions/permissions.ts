import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Permissions of the Metal3 plugin set.
 *
 * Reads are `read` actions so that a policy can grant every read at once;
 * power and maintenance are `update`s, removal and decommissioning `delete`s.
 * Enrollment and pool creation are `create`s.
 */

/** @public */
export const metal3HostReadPermission = createPermission({
  name: 'metal3.host.read',
  attributes: { action: 'read' },
});

/** @public */
export const metal3HostPowerPermission = createPermission({
  name: 'metal3.host.power',
  attributes: { action: 'update' },
});

/** @public */
export const metal3HostManagePermission = createPermission({
  name: 'metal3.host.manage',
  attributes: { action: 'update' },
});

/** @public */
export const metal3HostRemovePermission = createPermission({
  name: 'metal3.host.remove',
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
  attributes: { action: 'read' },
});

/** @public */
export const metal3PoolScalePermission = createPermission({
  name: 'metal3.pool.scale',
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
];
