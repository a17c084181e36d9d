import { ClusterHealth } from '@metal3-fleet/plugin-metal3-node';
import { specViolations } from '../__testUtils__/specResponses';
import { buildClusterSummary } from './clusterSummary';

describe('buildClusterSummary', () => {
  const health: ClusterHealth = {
    name: 'kube-dc-mgmt',
    title: 'Kube-DC management',
    server: 'https://127.0.0.1:6443',
    connected: false,
    synced: true,
    staleSince: '2026-11-25T10:00:00.000Z',
    lastError: 'connect ECONNREFUSED 127.0.0.1:6443',
    problem: {
      code: 'unreachable',
      message: 'Cluster kube-dc-mgmt: no answer from https://127.0.0.1:6443',
      fix: 'Check metal3.clusters[].url',
    },
    capiVersion: 'v1beta2',
    unavailable: ['metal3remediations'],
  };

  it('serves the health with the counts, as GET /clusters declares a cluster', () => {
    const cluster = buildClusterSummary(health, {
      authProvider: 'serviceAccount',
      hosts: 20,
      pools: 2,
    });
    expect(cluster).toEqual({
      ...health,
      authProvider: 'serviceAccount',
      hosts: 20,
      pools: 2,
    });
    expect(
      specViolations('GET', '/clusters', 200, { items: [cluster] }),
    ).toEqual([]);
  });

  it('does not pass on a field the cluster service adds to its health', () => {
    const cluster = buildClusterSummary(
      {
        ...health,
        resourceVersions: { baremetalhosts: '812' },
      } as ClusterHealth,
      { authProvider: 'serviceAccount', hosts: 20, pools: 2 },
    );
    expect(cluster).not.toHaveProperty('resourceVersions');
  });
});
