import { createFleet } from '../../__fixtures__/fleet';
import { upgradeImpact } from './upgradeImpact';

describe('upgradeImpact', () => {
  const cache = createFleet().getCluster('kube-dc-mgmt');
  const pool = cache.get('machinedeployments', 'metal3/kube-dc-workers')!;

  it('shows the template change and that every machine of the pool rolls', () => {
    expect(
      upgradeImpact(cache, pool, {
        imageUrl: 'http://images/ubuntu-24.qcow2',
        kubernetesVersion: 'v1.34.0',
      }),
    ).toEqual({
      summary:
        'Replace all 1 machine of kube-dc-workers: image http://images/ubuntu.qcow2 → http://images/ubuntu-24.qcow2, Kubernetes v1.33.0 → v1.34.0',
      rollout: {
        fromTemplate: 'workers-tmpl',
        fromImage: 'http://images/ubuntu.qcow2',
        toImage: 'http://images/ubuntu-24.qcow2',
        fromVersion: 'v1.33.0',
        toVersion: 'v1.34.0',
        machines: 1,
      },
      warnings: [],
    });
  });

  it('warns that an upgrade to what the pool runs changes nothing', () => {
    const impact = upgradeImpact(cache, pool, {
      imageUrl: 'http://images/ubuntu.qcow2',
    });
    expect(impact.rollout!.machines).toBe(0);
    expect(impact.warnings).toEqual([
      'The pool already runs that image and version: the upgrade would change nothing',
    ]);
  });
});
