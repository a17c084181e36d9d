import { checkNodeReuse, PoolUpgradeFacts } from './nodeReuse';

const pool = { namespace: 'metal3', name: 'kube-dc-workers' };

const facts = (patch: Partial<PoolUpgradeFacts>): PoolUpgradeFacts => ({
  pool,
  apiVersion: 'v1beta1',
  strategyType: 'RollingUpdate',
  maxSurge: 0,
  maxUnavailable: 1,
  replicas: 2,
  template: { name: 'worker-machine-template', nodeReuse: true },
  ...patch,
});

const run = (f: PoolUpgradeFacts) =>
  checkNodeReuse({ cluster: 'c1', pools: [f] })[0] as any;

describe('practice.node-reuse', () => {
  it.each([
    ['scale-in with nodeReuse', {}, 'ok'],
    [
      'OnDelete with nodeReuse',
      { strategyType: 'OnDelete', maxSurge: undefined },
      'ok',
    ],
    ['maxSurge "0%"', { maxSurge: '0%' }, 'ok'],
    ['the default maxSurge (1)', { maxSurge: undefined }, 'problem'],
    ['maxSurge 25% rounds up to 1', { maxSurge: '25%' }, 'problem'],
    [
      'no nodeReuse',
      { template: { name: 'worker-machine-template' } },
      'problem',
    ],
    [
      "the guide's pool (no strategy, no nodeReuse)",
      {
        strategyType: undefined,
        maxSurge: undefined,
        maxUnavailable: undefined,
        template: { name: 'worker-machine-template' },
      },
      'problem',
    ],
    [
      'template not read',
      {
        template: {
          unavailable:
            'Metal3MachineTemplate metal3/worker-machine-template not found',
        },
      },
      'unknown',
    ],
  ])('%s → %s', (_case, patch, outcome) => {
    expect(run(facts(patch as any)).outcome).toBe(outcome);
  });

  it('names both causes and gives both patches', () => {
    const finding = run(
      facts({
        maxSurge: undefined,
        template: { name: 'worker-machine-template' },
      }),
    );
    expect(finding).toMatchObject({
      severity: 'info',
      title:
        'Upgrades of pool kube-dc-workers provision fresh servers: nodeReuse is not set on its template and maxSurge is 1',
      fix: {
        guide: 'Best Practices — Node Reuse',
        commands: [
          `kubectl -n metal3 patch metal3machinetemplate worker-machine-template --type merge -p '{"spec":{"nodeReuse":true}}'`,
          `kubectl -n metal3 patch machinedeployment kube-dc-workers --type merge -p '{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":0,"maxUnavailable":1}}}}'`,
        ],
      },
    });
  });

  it('writes the v1beta2 strategy path on v1beta2 clusters', () => {
    const finding = run(facts({ apiVersion: 'v1beta2', maxSurge: 1 }));
    expect(finding.evidence[2].field).toBe(
      'spec.rollout.strategy.rollingUpdate.maxSurge',
    );
    expect(finding.fix.commands[0]).toContain('{"spec":{"rollout":{"strategy"');
  });

  it('checks nothing when the installation does not want node reuse', () => {
    expect(
      checkNodeReuse({
        cluster: 'c1',
        pools: [facts({ maxSurge: 1 })],
        expectNodeReuse: false,
      }),
    ).toEqual([]);
  });
});
