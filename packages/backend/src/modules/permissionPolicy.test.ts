import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  metal3HostPowerPermission,
  metal3HostReadPermission,
  metal3HostRemovePermission,
  metal3PoolScalePermission,
} from '@metal3-fleet/plugin-metal3-common';
import { PortalPermissionPolicy } from './permissionPolicy';

const read = metal3HostReadPermission;
const power = metal3HostPowerPermission;
const proxy = createPermission({ name: 'kubernetes.proxy', attributes: {} });

function policyFor(ownershipEntityRefs: string[], ownersMayOperate = false) {
  const userInfo = mockServices.userInfo({ ownershipEntityRefs });
  return new PortalPermissionPolicy({
    adminGroups: ['group:default/metal3-admins'],
    userInfo,
    ownersMayOperate,
  });
}

const user = {
  credentials: mockCredentials.user('user:default/alice'),
  info: { userEntityRef: 'user:default/alice', ownershipEntityRefs: [] },
};

describe('PortalPermissionPolicy', () => {
  it('lets an admin group member do everything', async () => {
    const policy = policyFor([
      'user:default/alice',
      'group:default/Metal3-Admins',
    ]);
    for (const permission of [read, power, proxy]) {
      await expect(policy.handle({ permission }, user)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('lets any other user read but not write', async () => {
    const policy = policyFor(['user:default/alice', 'group:default/dev']);
    await expect(policy.handle({ permission: read }, user)).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
    await expect(policy.handle({ permission: power }, user)).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('lets owners power their own hosts and scale their own pools, nothing more', async () => {
    const refs = ['user:default/alice', 'group:default/team-a'];
    const policy = policyFor(refs, true);
    await expect(policy.handle({ permission: power }, user)).resolves.toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'metal3',
      resourceType: 'metal3-host',
      conditions: {
        rule: 'IS_OWNED_BY',
        resourceType: 'metal3-host',
        params: { owners: refs },
      },
    });
    await expect(
      policy.handle({ permission: metal3PoolScalePermission }, user),
    ).resolves.toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      resourceType: 'metal3-pool',
    });
    await expect(
      policy.handle({ permission: metal3HostRemovePermission }, user),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('treats a permission without an action as a write', async () => {
    const policy = policyFor(['user:default/alice']);
    await expect(policy.handle({ permission: proxy }, user)).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('denies requests without a user', async () => {
    const policy = policyFor([]);
    await expect(policy.handle({ permission: read })).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });
});
