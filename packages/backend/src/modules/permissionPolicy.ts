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
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  createScaffolderActionConditionalDecision,
  createScaffolderTaskConditionalDecision,
  scaffolderActionConditions,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';

/** Used when `permission.portalPolicy.adminGroups` is not set. */
export const DEFAULT_ADMIN_GROUPS = ['group:default/metal3-admins'];

/**
 * The scaffolder actions every signed-in user may run through a template.
 * Each checks the caller's metal3 permission itself (the initiator's
 * credentials), so running one grants nothing the API would not; other
 * actions (github:*, publish:*, fetch:*) check nothing of the kind and stay
 * with admins. permissionPolicy.test.ts fails when a shipped template uses an
 * action missing here.
 */
export const METAL3_TEMPLATE_ACTIONS = [
  'metal3:host:enroll',
  'metal3:hosts:enroll-batch',
  'metal3:host:remove',
  'metal3:host:rotate-credentials',
  'metal3:pool:create',
  'metal3:pool:scale',
  'metal3:pool:upgrade',
  'metal3:provider-network:update',
  'metal3:manifests:render',
];

/**
 * The portal's policy: members of an admin group may do everything; every
 * other signed-in user may read (permissions whose action is `read`), and,
 * unless `ownersMayOperate` is off, power and manage the hosts and scale the
 * pools their groups own (a conditional decision the metal3 backend
 * evaluates per host or pool). Nothing else: removal, enrollment, pool
 * creation and deciding approvals (`metal3.approval.decide`) stay with
 * admins. Closed by default: a permission that declares no action (e.g.
 * `kubernetes.proxy`, which can write) counts as a write.
 *
 * Templates: with `ownersMayOperate`, users may do through a template what
 * they may do through the API. They may create scaffolder tasks, run the
 * metal3 actions (which ask this policy again, per host or pool, with the
 * initiator's credentials: the scale template on their own pool passes,
 * on another team's pool it fails) and read and cancel their own tasks.
 * Without it, non-admins can do nothing through the API, so they run no
 * templates either.
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
    const templates = this.#templateDecision(request, user);
    if (templates) return templates;
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

  /** Scaffolder permissions of a non-admin; undefined for any other permission. */
  #templateDecision(
    { permission }: PolicyQuery,
    user: PolicyQueryUser,
  ): PolicyDecision | undefined {
    const ownTasks = () =>
      scaffolderTaskConditions.isTaskOwner({
        createdBy: [user.info.userEntityRef],
      });
    if (isPermission(permission, taskReadPermission)) {
      // Another user's task shows their parameters: own tasks only.
      return createScaffolderTaskConditionalDecision(permission, ownTasks());
    }
    if (!this.#ownersMayOperate) return undefined;
    if (isPermission(permission, taskCreatePermission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isPermission(permission, taskCancelPermission)) {
      return createScaffolderTaskConditionalDecision(permission, ownTasks());
    }
    if (isPermission(permission, actionExecutePermission)) {
      const [first, ...rest] = METAL3_TEMPLATE_ACTIONS.map(actionId =>
        scaffolderActionConditions.hasActionId({ actionId }),
      );
      return createScaffolderActionConditionalDecision(permission, {
        anyOf: [first, ...rest],
      });
    }
    return undefined;
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
