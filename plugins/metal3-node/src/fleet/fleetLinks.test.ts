import {
  projectBareMetalHost,
  projectMachine,
  projectMachineDeployment,
  projectMetal3Machine,
  projectMetal3MachineTemplate,
  projectNode,
} from '../cluster/projections';
import {
  freeMatchingHosts,
  isClaimable,
  linkHost,
  FleetLookup,
} from './fleetLinks';

/** A map-backed stand-in for the cluster cache. */
function lookup(objects: Record<string, any[]>): FleetLookup {
  const byKey = (items: any[]) =>
    new Map(
      items.map(o => [o.namespace ? `${o.namespace}/${o.name}` : o.name, o]),
    );
  const maps = Object.fromEntries(
    Object.entries(objects).map(([k, v]) => [k, byKey(v)]),
  );
  return {
    get: ((resource: string, k: string) => maps[resource]?.get(k)) as any,
    list: ((resource: string) => [...(maps[resource]?.values() ?? [])]) as any,
  };
}

const meta = (name: string, extra: object = {}) => ({
  name,
  namespace: 'metal3',
  uid: name,
  resourceVersion: '1',
  ...extra,
});

const host = (
  name: string,
  spec: object = {},
  status: object = {},
  metadata: object = {},
) => projectBareMetalHost({ metadata: meta(name, metadata), spec, status });

const claimed = host(
  'worker-0',
  {
    consumerRef: {
      kind: 'Metal3Machine',
      name: 'workers-m3m-0',
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
    },
  },
  { provisioning: { state: 'provisioned' } },
);
const free = host(
  'worker-5',
  {},
  { provisioning: { state: 'available' } },
  { labels: { pool: 'workers' } },
);
const otherLabel = host(
  'gpu-1',
  {},
  { provisioning: { state: 'available' } },
  { labels: { pool: 'gpu' } },
);

const cache = lookup({
  baremetalhosts: [claimed, free, otherLabel],
  metal3machines: [
    projectMetal3Machine({
      metadata: meta('workers-m3m-0', {
        ownerReferences: [{ kind: 'Machine', name: 'workers-abc' }],
      }),
    }),
  ],
  machines: [
    projectMachine({
      metadata: meta('workers-abc', {
        labels: { 'cluster.x-k8s.io/deployment-name': 'kube-dc-workers' },
      }),
      status: { nodeRef: { name: 'worker-0' } },
    }),
  ],
  machinedeployments: [
    projectMachineDeployment({
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      metadata: meta('kube-dc-workers'),
      spec: {
        replicas: 2,
        template: {
          spec: {
            infrastructureRef: {
              kind: 'Metal3MachineTemplate',
              name: 'workers-tmpl',
            },
          },
        },
      },
    }),
  ],
  metal3machinetemplates: [
    projectMetal3MachineTemplate({
      metadata: meta('workers-tmpl'),
      spec: {
        template: {
          spec: { hostSelector: { matchLabels: { pool: 'workers' } } },
        },
      },
    }),
  ],
  nodes: [
    projectNode({
      metadata: { name: 'worker-0', uid: 'n', resourceVersion: '1' },
    }),
  ],
});

describe('linkHost', () => {
  it('follows consumerRef to the Metal3Machine, Machine, pool and node', () => {
    const links = linkHost(cache, claimed);
    expect(links.metal3Machine?.name).toBe('workers-m3m-0');
    expect(links.machine?.name).toBe('workers-abc');
    expect(links.pool?.name).toBe('kube-dc-workers');
    expect(links.node?.name).toBe('worker-0');
  });

  it('links nothing for a free host', () => {
    expect(linkHost(cache, free)).toEqual({});
  });

  it('stops where the chain breaks (machine not created yet)', () => {
    const waiting = host('worker-9', {
      consumerRef: { kind: 'Metal3Machine', name: 'missing' },
    });
    expect(linkHost(cache, waiting)).toEqual({
      metal3Machine: undefined,
      machine: undefined,
      pool: undefined,
      node: undefined,
    });
  });
});

describe('capacity', () => {
  it('counts only free hosts that match the pool template selector', () => {
    const pool = cache.get('machinedeployments', 'metal3/kube-dc-workers')!;
    expect(freeMatchingHosts(cache, pool).map(h => h.name)).toEqual([
      'worker-5',
    ]);
  });

  it.each([
    [
      'consumed',
      host(
        'a',
        { consumerRef: { kind: 'Metal3Machine', name: 'x' } },
        { provisioning: { state: 'available' } },
      ),
    ],
    [
      'in error',
      host(
        'b',
        {},
        {
          provisioning: { state: 'available' },
          errorType: 'registration error',
        },
      ),
    ],
    [
      'paused',
      host(
        'c',
        {},
        { provisioning: { state: 'available' } },
        { annotations: { 'baremetalhost.metal3.io/paused': 'x' } },
      ),
    ],
    [
      'unhealthy',
      host(
        'd',
        {},
        { provisioning: { state: 'available' } },
        { annotations: { 'capm3.metal3.io/unhealthy': '' } },
      ),
    ],
    ['inspecting', host('e', {}, { provisioning: { state: 'inspecting' } })],
  ])('a %s host is not claimable', (_, h) => {
    expect(isClaimable(h)).toBe(false);
  });

  it('accepts the legacy "ready" state', () => {
    expect(
      isClaimable(host('f', {}, { provisioning: { state: 'ready' } })),
    ).toBe(true);
  });
});
