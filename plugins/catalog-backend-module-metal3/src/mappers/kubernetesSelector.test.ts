import { hostLabelSelector, poolLabelSelector } from './kubernetesSelector';

describe('hostLabelSelector', () => {
  it("selects a claimed host's workload cluster by the label CAPM3 puts on the host", () => {
    expect(
      hostLabelSelector({
        labels: { pool: 'workers', 'cluster.x-k8s.io/cluster-name': 'kube-dc' },
      }),
    ).toBe('cluster.x-k8s.io/cluster-name=kube-dc');
  });

  it('has no selector for a free host (nothing upstream labels it)', () => {
    expect(hostLabelSelector({ labels: { pool: 'workers' } })).toBeUndefined();
  });
});

describe('poolLabelSelector', () => {
  it('selects a ClusterClass pool by its topology name within its cluster', () => {
    expect(
      poolLabelSelector({
        name: 'apps-md-0-x7k2p',
        clusterName: 'apps',
        labels: {
          'cluster.x-k8s.io/cluster-name': 'apps',
          'topology.cluster.x-k8s.io/owned': '',
          'topology.cluster.x-k8s.io/deployment-name': 'md-0',
        },
      }),
    ).toBe(
      'cluster.x-k8s.io/cluster-name=apps,topology.cluster.x-k8s.io/deployment-name=md-0',
    );
  });

  it('selects by deployment name when the MachineDeployment carries its own name', () => {
    expect(
      poolLabelSelector({
        name: 'gpu',
        clusterName: 'kube-dc',
        labels: {
          'cluster.x-k8s.io/cluster-name': 'kube-dc',
          'cluster.x-k8s.io/deployment-name': 'gpu',
        },
      }),
    ).toBe('cluster.x-k8s.io/deployment-name=gpu');
  });

  it('falls back to the workload cluster, the only label CAPI puts on a plain MachineDeployment', () => {
    expect(
      poolLabelSelector({
        name: 'kube-dc-workers',
        clusterName: 'kube-dc',
        labels: { 'cluster.x-k8s.io/cluster-name': 'kube-dc' },
      }),
    ).toBe('cluster.x-k8s.io/cluster-name=kube-dc');
  });
});
