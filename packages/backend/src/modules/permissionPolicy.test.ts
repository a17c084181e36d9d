import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  metal3ApprovalDecidePermission,
  metal3HostPowerPermission,
  metal3HostReadPermission,
  metal3HostRemovePermission,
  metal3PoolScalePermission,
} from '@metal3-fleet/plugin-metal3-common';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
  templateDryRunPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  METAL3_TEMPLATE_ACTIONS,
  PortalPermissionPolicy,
} from './permissionPolicy';

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

  it('lets admin groups decide approvals, and nobody else, not even owners who may operate', async () => {
    const admin = policyFor([
      'user:default/alice',
      'group:default/metal3-admins',
    ]);
    await expect(
      admin.handle({ permission: metal3ApprovalDecidePermission }, user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    const owner = policyFor(
      ['user:default/alice', 'group:default/team-a'],
      true,
    );
    await expect(
      owner.handle({ permission: metal3ApprovalDecidePermission }, user),
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

  describe('templates', () => {
    const refs = ['user:default/alice', 'group:default/team-a'];

    it('lets a signed-in user start a template and run the metal3 actions, whose own permission check then decides', async () => {
      const policy = policyFor(refs, true);
      await expect(
        policy.handle({ permission: taskCreatePermission }, user),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
      const execute = await policy.handle(
        { permission: actionExecutePermission },
        user,
      );
      expect(execute).toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'scaffolder',
        resourceType: 'scaffolder-action',
      });
      const { conditions } = execute as unknown as {
        conditions: { anyOf: { params: { actionId: string } }[] };
      };
      const allowed = conditions.anyOf.map(c => c.params.actionId);
      expect(allowed).toContain('metal3:pool:scale');
      expect(allowed).toContain('metal3:host:enroll');
      // Actions that check no metal3 permission stay with admins.
      expect(allowed.filter(id => !id.startsWith('metal3:'))).toEqual([]);
    });

    it('shows and cancels only the tasks the user started', async () => {
      const policy = policyFor(refs, true);
      for (const permission of [taskReadPermission, taskCancelPermission]) {
        await expect(policy.handle({ permission }, user)).resolves.toEqual({
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'scaffolder',
          resourceType: 'scaffolder-task',
          conditions: {
            rule: 'IS_TASK_OWNER',
            resourceType: 'scaffolder-task',
            params: { createdBy: ['user:default/alice'] },
          },
        });
      }
    });

    it('keeps dry runs (the template editor) with admins', async () => {
      const policy = policyFor(refs, true);
      await expect(
        policy.handle({ permission: templateDryRunPermission }, user),
      ).resolves.toEqual({ result: AuthorizeResult.DENY });
    });

    it('lets nobody but admins run templates when owners may not operate', async () => {
      const policy = policyFor(refs, false);
      for (const permission of [
        taskCreatePermission,
        actionExecutePermission,
        taskCancelPermission,
      ]) {
        await expect(policy.handle({ permission }, user)).resolves.toEqual({
          result: AuthorizeResult.DENY,
        });
      }
      const admin = policyFor([...refs, 'group:default/metal3-admins'], false);
      await expect(
        admin.handle({ permission: actionExecutePermission }, user),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    });

    it('lets users run every action the shipped templates use', () => {
      const dir = join(__dirname, '../../../../examples/templates');
      const used = readdirSync(dir, { withFileTypes: true })
        .filter(entry => entry.isDirectory())
        .flatMap(entry => {
          const template = parse(
            readFileSync(join(dir, entry.name, 'template.yaml'), 'utf8'),
          );
          return template.spec.steps.map((s: { action: string }) => s.action);
        });
      expect(used.length).toBeGreaterThan(5);
      expect(METAL3_TEMPLATE_ACTIONS).toEqual(expect.arrayContaining(used));
    });
  });
});
