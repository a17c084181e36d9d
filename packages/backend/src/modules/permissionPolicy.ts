import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  metal3HostManagePermission,
  metal3HostPowerPermission,
  metal3PoolScalePermission,
} from '@metal3-fleet/plugin-metal3-common';
import {
  createMetal3HostConditionalDecision,
  createMetal3PoolConditionalDecision,
  metal3HostConditions,
  metal3PoolConditions,
} from '@metal3-fleet/plugin-metal3-node';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';

/** Used when `permission.portalPolicy.adminGroups` is not set. */
export const DEFAULT_ADMIN_GROUPS = ['group:default/metal3-admins'];

/**
 * The portal's policy: members of an admin group may do everything; every
 * other signed-in user may read (permissions whose action is `read`), and,
 * unless `ownersMayOperate` is off, power and manage the hosts and scale the
 * pools their groups own (a conditional decision the metal3 backend
 * evaluates per host or pool). Nothing else: removal, enrollment and pool
 * creation stay with admins. Closed by default: a permission that declares
 * no action (e.g. `kubernetes.proxy`, which can write) counts as a write.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  readonly #adminGroups: Set<string>;
  readonly #userInfo: UserInfoService;

  readonly #ownersMayOperate: boolean;

  constructor(options: {
    adminGroups: string[];
    userInfo: UserInfoService;
    ownersMayOperate?: boolean;
  }) {
    this.#adminGroups = new Set(options.adminGroups.map(g => g.toLowerCase()));
    this.#userInfo = options.userInfo;
    this.#ownersMayOperate = options.ownersMayOperate ?? true;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) return { result: AuthorizeResult.DENY };
    const { ownershipEntityRefs: owners } = await this.#userInfo.getUserInfo(
      user.credentials,
    );
    if (owners.some(ref => this.#adminGroups.has(ref.toLowerCase()))) {
      return { result: AuthorizeResult.ALLOW };
    }
    const { permission } = request;
    if (permission.attributes.action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    if (this.#ownersMayOperate) {
      if (
        isPermission(permission, metal3HostPowerPermission) ||
        isPermission(permission, metal3HostManagePermission)
      ) {
        return createMetal3HostConditionalDecision(
          permission,
          metal3HostConditions.isOwnedBy({ owners }),
        );
      }
      if (isPermission(permission, metal3PoolScalePermission)) {
        return createMetal3PoolConditionalDecision(
          permission,
          metal3PoolConditions.isOwnedBy({ owners }),
        );
      }
    }
    return { result: AuthorizeResult.DENY };
  }
}

/** Installs {@link PortalPermissionPolicy} in the permission backend. */
export const permissionModulePortalPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'portal-policy',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        policy: policyExtensionPoint,
      },
      async init({ config, userInfo, policy }) {
        const adminGroups =
          config.getOptionalStringArray(
            'permission.portalPolicy.adminGroups',
          ) ?? DEFAULT_ADMIN_GROUPS;
        const ownersMayOperate =
          config.getOptionalBoolean(
            'permission.portalPolicy.ownersMayOperate',
          ) ?? true;
        policy.setPolicy(
          new PortalPermissionPolicy({
            adminGroups,
            userInfo,
            ownersMayOperate,
          }),
        );
      },
    });
  },
});
