import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createOwnerResolver } from '@metal3-fleet/plugin-metal3-common';
import { createFleet } from '../__fixtures__/fleet';
import { HostIndex } from '../fleet/HostIndex';
import { FleetAccess } from '../service/FleetAccess';
import { rulesetOf } from '../service/rulesetOf';
import {
  metal3HostRules,
  metal3PoolRules,
} from '@metal3-fleet/plugin-metal3-node';
import { registerFleetActions } from './registerFleetActions';

function setup(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const registry = actionsRegistryServiceMock();
  const clusters = createFleet();
  const owner = {
    ownerKey: 'metal3.backstage.io/owner',
    defaultOwner: 'group:default/metal3-admins',
  };
  registerFleetActions({
    actionsRegistry: registry,
    access: new FleetAccess({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions.mock({
        authorize: async requests => requests.map(() => ({ result })),
        authorizeConditional: async requests =>
          requests.map(() => ({ result })),
      }),
      hostRules: rulesetOf(metal3HostRules),
      poolRules: rulesetOf(metal3PoolRules),
    }),
    clusters,
    hostIndex: new HostIndex({ clusters, ...owner }),
    ownerOf: createOwnerResolver(owner),
  });
  return registry;
}

const credentials = mockCredentials.user('user:default/agent-user');

describe('fleet actions for MCP', () => {
  it('lists hosts with the fleet search syntax', async () => {
    const { output } = await setup().invoke({
      id: 'test:list-baremetal-hosts',
      input: { query: 'status:error' },
      credentials,
    });
    expect(output).toMatchObject({
      total: 1,
      hosts: [
        {
          name: 'broken-3',
          status: 'Registration error',
          fix: expect.stringContaining('credentials Secret'),
        },
      ],
    });
  });

  it('describes one host and reports pool capacity', async () => {
    const registry = setup();
    const host = await registry.invoke({
      id: 'test:describe-baremetal-host',
      input: { cluster: 'kube-dc-mgmt', namespace: 'metal3', name: 'worker-0' },
      credentials,
    });
    expect(host.output).toMatchObject({
      host: { pool: 'kube-dc-workers', node: 'worker-0' },
    });
    const capacity = await registry.invoke({
      id: 'test:get-worker-pool-capacity',
      input: {
        cluster: 'kube-dc-mgmt',
        namespace: 'metal3',
        name: 'kube-dc-workers',
      },
      credentials,
    });
    expect(capacity.output).toMatchObject({
      desiredReplicas: 2,
      freeMatchingHosts: 2,
    });
  });

  it('applies the caller permissions', async () => {
    await expect(
      setup(AuthorizeResult.DENY).invoke({
        id: 'test:list-baremetal-hosts',
        input: {},
        credentials,
      }),
    ).rejects.toThrow('not allowed to metal3.host.read');
  });
});
