import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import {
  METAL3_HOST_RESOURCE_TYPE,
  METAL3_POOL_RESOURCE_TYPE,
} from '@metal3-fleet/plugin-metal3-common';
import {
  Metal3HostResource,
  Metal3PoolResource,
} from '@metal3-fleet/plugin-metal3-node';
import { Request } from 'express';

type HostPermission = ResourcePermission<typeof METAL3_HOST_RESOURCE_TYPE>;
type PoolPermission = ResourcePermission<typeof METAL3_POOL_RESOURCE_TYPE>;

const denied = (permission: { name: string }) =>
  new NotAllowedError(`You are not allowed to ${permission.name}`);

/**
 * Who may see and do what in the fleet. Decisions come from the permission
 * policy; conditional ones ("hosts owned by my groups") are evaluated here
 * against the in-memory fleet index, one request to the policy per API call
 * instead of one per host. The same rules are registered with the
 * permissions registry so the permission backend can evaluate them for other
 * callers (the frontend's usePermission with a resource ref).
 */
export class FleetAccess {
  readonly #httpAuth: HttpAuthService;
  readonly #permissions: PermissionsService;
  readonly #hostAuthorizer: ReturnType<
    typeof createConditionAuthorizer<Metal3HostResource>
  >;
  readonly #poolAuthorizer: ReturnType<
    typeof createConditionAuthorizer<Metal3PoolResource>
  >;

  constructor(options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    /** From the permissions registry: ours plus any rules other modules add. */
    hostRules: PermissionRuleset<Metal3HostResource>;
    poolRules: PermissionRuleset<Metal3PoolResource>;
  }) {
    this.#httpAuth = options.httpAuth;
    this.#permissions = options.permissions;
    this.#hostAuthorizer = createConditionAuthorizer(options.hostRules);
    this.#poolAuthorizer = createConditionAuthorizer(options.poolRules);
  }

  /** Users and services; 401 for anyone else. Any route's request (as httpAuth takes it). */
  credentials(req: Request<any, any, any, any>): Promise<BackstageCredentials> {
    return this.#httpAuth.credentials(req, { allow: ['user', 'service'] });
  }

  /** 403 naming the permission unless the policy allows it outright. */
  async require(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<void> {
    const [decision] = await this.#permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) throw denied(permission);
  }

  /** Which hosts the caller may act on with `permission`; 403 when none. */
  async hostFilter(
    credentials: BackstageCredentials,
    permission: HostPermission,
  ): Promise<(host: Metal3HostResource) => boolean> {
    const decision = await this.#decide(credentials, permission);
    return host => this.#hostAuthorizer(decision, host);
  }

  /** 403 naming the permission unless the caller may act on this host. */
  async requireHost(
    credentials: BackstageCredentials,
    permission: HostPermission,
    host: Metal3HostResource,
  ): Promise<void> {
    const allowed = await this.hostFilter(credentials, permission);
    if (!allowed(host)) throw denied(permission);
  }

  async poolFilter(
    credentials: BackstageCredentials,
    permission: PoolPermission,
  ): Promise<(pool: Metal3PoolResource) => boolean> {
    const decision = await this.#decide(credentials, permission);
    return pool => this.#poolAuthorizer(decision, pool);
  }

  async requirePool(
    credentials: BackstageCredentials,
    permission: PoolPermission,
    pool: Metal3PoolResource,
  ): Promise<void> {
    const allowed = await this.poolFilter(credentials, permission);
    if (!allowed(pool)) throw denied(permission);
  }

  async #decide(
    credentials: BackstageCredentials,
    permission: HostPermission | PoolPermission,
  ): Promise<PolicyDecision> {
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) throw denied(permission);
    return decision;
  }
}
