import { ClusterCounts, overviewChartData } from './overviewRows';

const clusters: ClusterCounts[] = [
  {
    cluster: 'kube-dc-mgmt',
    facets: {
      status: { error: 1, available: 8, provisioned: 2, 'new-code': 1 },
      pool: { '(none)': 10, 'kube-dc-workers': 2 },
    },
  },
  {
    cluster: 'edge-lab',
    facets: {
      status: { available: 2, inspecting: 0 },
      pool: { '(none)': 1, 'edge.gpu': 1, 'edge-cpu': 3 },
    },
  },
];

describe('overviewChartData', () => {
  it('orders statuses by lifecycle, unknown codes last, and totals them across clusters', () => {
    const { keys, totals, rows } = overviewChartData(clusters, 'status');
    expect(keys).toEqual(['provisioned', 'available', 'error', 'new-code']);
    expect(totals).toEqual({
      provisioned: 2,
      available: 10,
      error: 1,
      'new-code': 1,
    });
    expect(rows.map(r => r.label)).toEqual(['kube-dc-mgmt', 'edge-lab']);
    expect(rows[1].values).toEqual({ available: 2, inspecting: 0 });
  });

  it('orders pools largest first with hosts in no pool last', () => {
    const { keys, totals } = overviewChartData(clusters, 'pool');
    expect(keys).toEqual(['edge-cpu', 'kube-dc-workers', 'edge.gpu', '(none)']);
    expect(totals['(none)']).toBe(11);
  });

  it('has no keys and an empty bar per cluster when no cluster has hosts', () => {
    const empty = overviewChartData(
      [{ cluster: 'a', facets: { status: {}, pool: {} } }],
      'status',
    );
    expect(empty.keys).toEqual([]);
    expect(empty.rows).toEqual([{ id: 'a', label: 'a', values: {} }]);
  });
});
