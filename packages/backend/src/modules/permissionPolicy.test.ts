import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PortalPermissionPolicy } from './permissionPolicy';

const read = createPermission({
  name: 'metal3.host.read',
  attributes: { action: 'read' },
});
const power = createPermission({
  name: 'metal3.host.power',
  attributes: { action: 'update' },
});
const proxy = createPermission({ name: 'kubernetes.proxy', attributes: {} });

function policyFor(ownershipEntityRefs: string[]) {
  const userInfo = mockServices.userInfo({ ownershipEntityRefs });
  return new PortalPermissionPolicy({
    adminGroups: ['group:default/metal3-admins'],
    userInfo,
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
