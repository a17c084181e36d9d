import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createOwnerResolver } from '@metal3-fleet/plugin-metal3-common';
import {
  ChecksService,
  ImageProbeService,
  metal3HostRules,
  metal3PoolRules,
  readChecksSettings,
} from '@metal3-fleet/plugin-metal3-node';
import { createFleet } from '../__fixtures__/fleet';
import { HostIndex } from '../fleet/HostIndex';
import { FleetAccess } from '../service/FleetAccess';
import { rulesetOf } from '../service/rulesetOf';
import { registerCheckActions } from './registerCheckActions';

function setup(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const registry = actionsRegistryServiceMock();
  const clusters = createFleet();
  const owner = {
    ownerKey: 'metal3.backstage.io/owner',
    defaultOwner: 'group:default/metal3-admins',
  };
  const ownerOf = createOwnerResolver(owner);
  registerCheckActions({
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
    ownerOf,
    checks: new ChecksService({
      clusters,
      settings: readChecksSettings(new ConfigReader({})),
      images: new ImageProbeService({
        guard: { off: 'not probed in this test' },
        timeoutMs: 1000,
        cacheSeconds: 60,
        maxInFlight: 1,
      }),
      ownerOf,
      logger: mockServices.logger.mock(),
    }),
  });
  return registry;
}

const credentials = mockCredentials.user('user:default/agent-user');
const pool = {
  cluster: 'kube-dc-mgmt',
  namespace: 'metal3',
  name: 'kube-dc-workers',
};

describe('runbook check actions for MCP', () => {
  it('tells the stack health of a cluster, with the first problem and its fix', async () => {
    const { output } = await setup().invoke({
      id: 'test:get-cluster-runbook-findings',
      input: { cluster: 'kube-dc-mgmt' },
      credentials,
    });
    expect(output).toMatchObject({
      // The fixture cluster runs no controller Deployments.
      stack: {
        unhealthy: true,
        firstProblem:
          'Bare Metal Operator not found: no Deployment labelled control-plane=controller-manager in baremetal-operator-system',
        fix: expect.stringContaining('Add the Metal3 infrastructure provider'),
      },
      summary: { ok: expect.any(Number) },
    });
    // Only problems and unknowns unless asked for all.
    expect((output as any).findings.every((f: any) => f.outcome !== 'ok')).toBe(
      true,
    );
    expect((output as any).findings[0]).toMatchObject({
      check: expect.stringMatching(/^(stack|network)\./),
    });
  });

  it('gives the findings of a pool and of a host, each problem with its fix', async () => {
    const registry = setup();
    const poolPage = await registry.invoke({
      id: 'test:get-pool-runbook-findings',
      input: { ...pool, includeOk: true },
      credentials,
    });
    const checks = (poolPage.output as any).findings.map((f: any) => f.check);
    expect(checks).toContain('remediation.health-check-present');
    const host = await registry.invoke({
      id: 'test:get-host-runbook-findings',
      input: { cluster: 'kube-dc-mgmt', namespace: 'metal3', name: 'worker-0' },
      credentials,
    });
    const findings = (host.output as any).findings;
    expect(
      findings.filter((f: any) => f.outcome === 'problem' && !f.fix),
    ).toEqual([]);
    expect(
      findings.filter((f: any) => f.outcome === 'unknown' && !f.missing),
    ).toEqual([]);
    const images = await registry.invoke({
      id: 'test:list-cluster-images',
      input: { cluster: 'kube-dc-mgmt' },
      credentials,
    });
    expect((images.output as any).images).toEqual(expect.any(Array));
  });

  it('applies the caller permissions and names what does not exist', async () => {
    await expect(
      setup(AuthorizeResult.DENY).invoke({
        id: 'test:get-pool-runbook-findings',
        input: pool,
        credentials,
      }),
    ).rejects.toThrow('not allowed to metal3.pool.read');
    await expect(
      setup(AuthorizeResult.DENY).invoke({
        id: 'test:get-host-runbook-findings',
        input: {
          cluster: 'kube-dc-mgmt',
          namespace: 'metal3',
          name: 'worker-0',
        },
        credentials,
      }),
    ).rejects.toThrow('not allowed to metal3.host.read');
    await expect(
      setup().invoke({
        id: 'test:get-cluster-runbook-findings',
        input: { cluster: 'nowhere' },
        credentials,
      }),
    ).rejects.toThrow('No cluster nowhere');
  });
});
