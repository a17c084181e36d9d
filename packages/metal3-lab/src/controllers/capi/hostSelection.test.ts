import { KubeObject } from '../../types';
import { machinesToDelete } from './deletionOrder';
import { chooseHost, matchesHostSelector } from './hostSelection';

const bmh = (
  name: string,
  over: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    state?: string;
    consumer?: string;
    error?: string;
    namespace?: string;
  } = {},
): KubeObject => ({
  apiVersion: 'metal3.io/v1alpha1',
  kind: 'BareMetalHost',
  metadata: {
    name,
    namespace: over.namespace ?? 'metal3',
    labels: over.labels ?? { pool: 'workers' },
    annotations: over.annotations ?? {},
  },
  spec: {
    online: true,
    ...(over.consumer && {
      consumerRef: { kind: 'Metal3Machine', name: over.consumer },
    }),
  },
  status: {
    provisioning: { state: over.state ?? 'available' },
    errorMessage: over.error ?? '',
  },
});
const m3m = (
  name: string,
  hostSelector: object = { matchLabels: { pool: 'workers' } },
): KubeObject => ({
  apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
  kind: 'Metal3Machine',
  metadata: { name, namespace: 'metal3' },
  spec: { hostSelector },
});

describe('chooseHost (CAPM3 chooseHost rules)', () => {
  it('skips claimed, paused, unhealthy, errored, busy, foreign-namespace and unmatched hosts', () => {
    const hosts = [
      bmh('claimed', { consumer: 'other' }),
      bmh('paused', { annotations: { 'baremetalhost.metal3.io/paused': '' } }),
      bmh('unhealthy', { annotations: { 'capm3.metal3.io/unhealthy': '' } }),
      bmh('errored', { error: 'registration failed' }),
      bmh('inspecting', { state: 'inspecting' }),
      bmh('elsewhere', { namespace: 'other' }),
      bmh('gpu', { labels: { pool: 'gpu' } }),
      bmh('free'),
    ];
    expect(chooseHost(m3m('m'), hosts)?.metadata.name).toBe('free');
    expect(chooseHost(m3m('m'), hosts.slice(0, -1))).toBeUndefined();
  });

  it('returns the host already claimed by this machine first (idempotent)', () => {
    expect(
      chooseHost(m3m('m'), [
        bmh('free'),
        bmh('mine', { consumer: 'm', state: 'provisioned' }),
      ])?.metadata.name,
    ).toBe('mine');
  });

  it('picks at random among candidates', () => {
    const hosts = [bmh('a'), bmh('b'), bmh('c')];
    expect(chooseHost(m3m('m'), hosts, () => 0.99)?.metadata.name).toBe('c');
    expect(chooseHost(m3m('m'), hosts, () => 0)?.metadata.name).toBe('a');
  });

  it.each([
    [
      {
        matchExpressions: [
          { key: 'rack', operator: 'In', values: ['r1', 'r2'] },
        ],
      },
      { rack: 'r2' },
      true,
    ],
    [
      {
        matchExpressions: [{ key: 'rack', operator: 'notin', values: ['r1'] }],
      },
      { rack: 'r1' },
      false,
    ],
    [
      { matchExpressions: [{ key: 'gpu', operator: 'Exists', values: [] }] },
      {},
      false,
    ],
    [
      { matchExpressions: [{ key: 'gpu', operator: '!', values: [] }] },
      {},
      true,
    ],
    [
      { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['32'] }] },
      { cores: '64' },
      true,
    ],
    [
      {
        matchExpressions: [
          { key: 'gpu', operator: 'DoesNotExist', values: [] },
        ],
      },
      {},
      false,
    ],
    [
      { matchLabels: { pool: 'workers' } },
      { pool: 'workers', extra: 'x' },
      true,
    ],
  ])('selector %j on labels %j → %s', (selector, labels, expected) => {
    expect(matchesHostSelector(labels, selector)).toBe(expected);
  });
});

describe('machinesToDelete (CAPI deletion order)', () => {
  const machine = (
    name: string,
    created: string,
    annotations: Record<string, string> = {},
  ): KubeObject => ({
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: { name, uid: name, creationTimestamp: created, annotations },
  });
  const old = machine('old', '2026-01-01T00:00:00Z');
  const young = machine('young', '2026-06-01T00:00:00Z');
  const marked = machine('marked', '2026-03-01T00:00:00Z', {
    'cluster.x-k8s.io/delete-machine': 'yes',
  });
  const healthy = () => true;

  it('takes marked machines before anything else, then unhealthy ones', () => {
    expect(
      machinesToDelete([old, young, marked], 1, 'Oldest', healthy)[0].metadata
        .name,
    ).toBe('marked');
    expect(
      machinesToDelete(
        [old, young],
        1,
        'Oldest',
        m => m.metadata.name !== 'young',
      )[0].metadata.name,
    ).toBe('young');
  });

  it('orders the rest by Oldest or Newest creation', () => {
    expect(
      machinesToDelete([old, young], 1, 'Oldest', healthy)[0].metadata.name,
    ).toBe('old');
    expect(
      machinesToDelete([old, young], 1, 'Newest', healthy)[0].metadata.name,
    ).toBe('young');
  });
});
