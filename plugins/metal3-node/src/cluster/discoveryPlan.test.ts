import { crdName, groupsToDiscover, planInformers } from './discoveryPlan';

describe('planInformers', () => {
  it('prefers CAPI v1beta2 and names what the cluster does not serve', () => {
    const plan = planInformers(
      new Map([
        ['metal3.io', ['v1alpha1']],
        ['cluster.x-k8s.io', ['v1beta1', 'v1beta2']],
        ['infrastructure.cluster.x-k8s.io', ['v1beta1']],
      ]),
    );
    expect(plan.capiVersion).toBe('v1beta2');
    expect(plan.watch).toContainEqual({
      name: 'machinedeployments',
      version: 'v1beta2',
    });
    expect(plan.watch).toContainEqual({
      name: 'metal3machines',
      version: 'v1beta1',
    });
    expect(plan.watch).toContainEqual({ name: 'nodes', version: 'v1' });
    expect(plan.unavailable).toEqual(['ippools']);
    expect(plan.unavailable.map(crdName)).toEqual(['ippools.ipam.metal3.io']);
  });

  it("keeps the checks' own resources out of the cluster's missing CRDs", () => {
    const plan = planInformers(
      new Map([
        ['metal3.io', ['v1alpha1']],
        ['cluster.x-k8s.io', ['v1beta2']],
        ['infrastructure.cluster.x-k8s.io', ['v1beta2']],
        ['ipam.metal3.io', ['v1alpha1']],
      ]),
    );
    // A cluster without Kube-OVN (or a lab without apps/v1) is healthy.
    expect(plan.unavailable).toEqual([]);
    expect(plan.unservedOptional.sort()).toEqual([
      'deployments',
      'provider-networks',
    ]);
    const served = planInformers(
      new Map([
        ['apps', ['v1']],
        ['kubeovn.io', ['v1']],
      ]),
    );
    expect(served.watch).toContainEqual({ name: 'deployments', version: 'v1' });
    expect(served.watch).toContainEqual({
      name: 'provider-networks',
      version: 'v1',
    });
  });

  it('reads v1beta1-only clusters', () => {
    const plan = planInformers(new Map([['cluster.x-k8s.io', ['v1beta1']]]));
    expect(plan.capiVersion).toBe('v1beta1');
    expect(plan.unavailable).toContain('baremetalhosts');
  });

  it('asks discovery about every API group but the core one', () => {
    expect(groupsToDiscover().sort()).toEqual([
      'apps',
      'cluster.x-k8s.io',
      'infrastructure.cluster.x-k8s.io',
      'ipam.metal3.io',
      'kubeovn.io',
      'metal3.io',
    ]);
  });
});
