import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
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
 * other signed-in user may read (permissions whose action is `read`) and
 * nothing else. Deliberately simple and closed by default: a permission that
 * declares no action (e.g. `kubernetes.proxy`, which can write) counts as a write.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  readonly #adminGroups: Set<string>;
  readonly #userInfo: UserInfoService;

  constructor(options: { adminGroups: string[]; userInfo: UserInfoService }) {
    this.#adminGroups = new Set(options.adminGroups.map(g => g.toLowerCase()));
    this.#userInfo = options.userInfo;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (user && (await this.#isAdmin(user))) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (user && request.permission.attributes.action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    return { result: AuthorizeResult.DENY };
  }

  async #isAdmin(user: PolicyQueryUser): Promise<boolean> {
    const { ownershipEntityRefs } = await this.#userInfo.getUserInfo(
      user.credentials,
    );
    return ownershipEntityRefs.some(ref =>
      this.#adminGroups.has(ref.toLowerCase()),
    );
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
        policy.setPolicy(new PortalPermissionPolicy({ adminGroups, userInfo }));
      },
    });
  },
});
