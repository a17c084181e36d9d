import { InMemoryClusterService } from '@metal3-fleet/plugin-metal3-node/testUtils';
import {
  MachineView,
  machinesCapiDeletesFirst,
  scaleDownImpact,
} from './scaleDownImpact';

const view = (
  name: string,
  created: string,
  extra: Partial<MachineView> = {},
): MachineView => ({
  name,
  creationTimestamp: `2026-11-${created}T00:00:00Z`,
  deleting: false,
  marked: false,
  healthy: true,
  host: `host-${name}`,
  ...extra,
});

describe('machinesCapiDeletesFirst', () => {
  const machines = [
    view('m-a', '01'),
    view('m-b', '03'),
    view('m-c', '02'),
    view('m-d', '04', { healthy: false }),
    view('m-e', '05', { marked: true }),
    view('m-f', '06', { deleting: true }),
  ];

  it('takes deleting, then marked, then unhealthy machines before any other', () => {
    expect(
      machinesCapiDeletesFirst(machines, 3, 'Random').machines.map(m => [
        m.name,
        m.why,
      ]),
    ).toEqual([
      ['m-f', 'deleting'],
      ['m-e', 'marked'],
      ['m-d', 'unhealthy'],
    ]);
  });

  it('Newest: the most recently created healthy machines next', () => {
    const picked = machinesCapiDeletesFirst(machines, 5, 'Newest');
    expect(picked.certain).toBe(true);
    expect(picked.machines.slice(3).map(m => [m.name, m.why])).toEqual([
      ['m-b', 'newest'],
      ['m-c', 'newest'],
    ]);
  });

  it('Oldest: the first created healthy machines next', () => {
    const picked = machinesCapiDeletesFirst(machines, 4, 'Oldest');
    expect(picked.machines.slice(3)).toEqual([
      { name: 'm-a', why: 'oldest', host: 'host-m-a' },
    ]);
  });

  it('Random: every healthy machine is a candidate, and the prediction says it is not certain', () => {
    const picked = machinesCapiDeletesFirst(machines, 4, 'Random');
    expect(picked.certain).toBe(false);
    expect(
      picked.machines.filter(m => m.why === 'candidate').map(m => m.name),
    ).toEqual(['m-a', 'm-b', 'm-c']);
  });

  it('Random, when every healthy machine goes: certain', () => {
    const healthy = [view('m-a', '01'), view('m-b', '02')];
    expect(machinesCapiDeletesFirst(healthy, 2, 'Random').certain).toBe(true);
  });
});

describe('scaleDownImpact', () => {
  function fleet(order?: string) {
    const clusters = new InMemoryClusterService(['c']);
    const put = (resource: any, raw: any) => clusters.put('c', resource, raw);
    put('machinedeployments', {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineDeployment',
      metadata: { name: 'workers', namespace: 'ns', resourceVersion: '1' },
      spec: {
        replicas: 3,
        ...(order && { deletion: { order } }),
        template: { spec: {} },
      },
    });
    for (const [i, day] of ['01', '02', '03'].entries()) {
      put('machines', {
        apiVersion: 'cluster.x-k8s.io/v1beta2',
        kind: 'Machine',
        metadata: {
          name: `workers-${i}`,
          namespace: 'ns',
          resourceVersion: '1',
          creationTimestamp: `2026-11-${day}T00:00:00Z`,
          labels: {
            'cluster.x-k8s.io/deployment-name': 'workers',
            'cluster.x-k8s.io/set-name': 'workers-abc',
          },
          ...(i === 0 && {
            annotations: { 'cluster.x-k8s.io/delete-machine': 'yes' },
          }),
        },
        spec: {
          infrastructureRef: { kind: 'Metal3Machine', name: `m3m-${i}` },
        },
        status: { nodeRef: { name: `node-${i}` } },
      });
      put('metal3machines', {
        apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
        kind: 'Metal3Machine',
        metadata: {
          name: `m3m-${i}`,
          namespace: 'ns',
          resourceVersion: '1',
          annotations: { 'metal3.io/BareMetalHost': `ns/host-${i}` },
        },
      });
      put('nodes', {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: `node-${i}`, resourceVersion: '1' },
        status: { conditions: [{ type: 'Ready', status: 'True' }] },
      });
    }
    const cache = clusters.getCluster('c');
    return { cache, pool: cache.get('machinedeployments', 'ns/workers')! };
  }

  it('names the marked machine and then the newest, with their hosts, for a Newest pool', () => {
    const { cache, pool } = fleet('Newest');
    const impact = scaleDownImpact(cache, pool, 1);
    expect(impact).toMatchObject({
      deletionOrder: 'Newest',
      removing: 2,
      machines: [
        { name: 'workers-0', why: 'marked', host: 'host-0', node: 'node-0' },
        { name: 'workers-2', why: 'newest', host: 'host-2', node: 'node-2' },
      ],
      warnings: [],
    });
    expect(impact.summary).toBe(
      'Scale workers from 3 to 1: 2 machines deleted (host-0, host-2), their nodes drained first',
    );
  });

  it('says which machines are only candidates under the default Random order', () => {
    const { cache, pool } = fleet();
    const impact = scaleDownImpact(cache, pool, 1);
    expect(impact.deletionOrder).toBe('Random');
    expect(impact.summary).toBe(
      'Scale workers from 3 to 1: 2 machines deleted (host-0 and 1 of host-1, host-2), their nodes drained first',
    );
    expect(impact.warnings).toEqual([
      'Deletion order Random: 1 of the 2 candidates go, whichever Cluster API picks',
    ]);
  });
});
