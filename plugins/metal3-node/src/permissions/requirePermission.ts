import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Throws NotAllowedError naming the permission unless the policy allows it:
 * the permission check of every scaffolder action. Resource permissions
 * (one pool, one host) carry the `cluster/namespace/name` resource ref, so
 * the permission framework evaluates a conditional decision against the
 * metal3 backend's rules (owner, cluster, label). The REST API decides
 * through its FleetAccess instead, against its in-memory fleet index.
 */
export async function requirePermission(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  request:
    | { permission: BasicPermission }
    | { permission: ResourcePermission; resourceRef: string },
): Promise<void> {
  const [decision] = await permissions.authorize([request], { credentials });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `You are not allowed to ${request.permission.name}${
        'resourceRef' in request ? ` on ${request.resourceRef}` : ''
      }`,
    );
  }
}
