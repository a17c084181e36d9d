import { KubeObject } from '../types';
import { budgetSelects, evictionRefusal } from './disruptionBudget';

const pod = (
  name: string,
  labels: Record<string, string> = { app: 'db' },
  status?: object,
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'apps', labels },
  spec: { nodeName: 'n-1' },
  ...(status && { status }),
});

const budget = (name: string, spec: object): KubeObject => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name, namespace: 'apps' },
  spec: { selector: { matchLabels: { app: 'db' } }, ...spec },
});

describe('the eviction subresource and PodDisruptionBudgets', () => {
  it.each([
    ['no budget', [], [pod('a')], undefined],
    [
      'minAvailable 1 of 1 healthy',
      [budget('db', { minAvailable: 1 })],
      [pod('a')],
      'The disruption budget db needs 1 healthy pods and has 1 currently',
    ],
    [
      'minAvailable 1 of 2 healthy',
      [budget('db', { minAvailable: 1 })],
      [pod('a'), pod('b')],
      undefined,
    ],
    [
      'maxUnavailable 0',
      [budget('db', { maxUnavailable: 0 })],
      [pod('a'), pod('b')],
      'The disruption budget db needs 2 healthy pods and has 2 currently',
    ],
    [
      'minAvailable 50% of 3 (rounded up: 2) with one unready',
      [budget('db', { minAvailable: '50%' })],
      [
        pod('a'),
        pod('b'),
        pod('c', undefined, {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'False' }],
        }),
      ],
      'The disruption budget db needs 2 healthy pods and has 2 currently',
    ],
    [
      'a budget of other pods',
      [budget('db', { minAvailable: 1 })],
      [pod('a', { app: 'web' })],
      undefined,
    ],
  ])('%s', (_, budgets, pods, refusedBecause) => {
    const refusal = evictionRefusal(pods[0], budgets, pods);
    // As kube-apiserver: 429 without Retry-After, the budget in the cause.
    const expected = refusedBecause && {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        "Cannot evict pod as it would violate the pod's disruption budget.",
      reason: 'TooManyRequests',
      details: {
        causes: [{ reason: 'DisruptionBudget', message: refusedBecause }],
      },
      code: 429,
    };
    expect(refusal?.toStatus()).toEqual(expected);
  });

  it('evicts pods that cannot disrupt (pending, finished, being deleted) whatever the budget', () => {
    const strict = [budget('db', { maxUnavailable: 0 })];
    for (const p of [
      pod('a', undefined, { phase: 'Pending' }),
      pod('b', undefined, { phase: 'Succeeded' }),
      {
        ...pod('c'),
        metadata: {
          ...pod('c').metadata,
          deletionTimestamp: '2026-12-07T00:00:00Z',
        },
      },
    ]) {
      expect(evictionRefusal(p, strict, [p])).toBeUndefined();
    }
  });

  it('refuses a pod two budgets select (500), as the eviction subresource does', () => {
    const refusal = evictionRefusal(
      pod('a'),
      [budget('one', { minAvailable: 0 }), budget('two', { minAvailable: 0 })],
      [pod('a')],
    );
    expect(refusal?.code).toBe(500);
    expect(refusal?.message).toBe(
      'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
    );
  });

  it.each([
    [{}, { app: 'x' }, true],
    [undefined, { app: 'x' }, false],
    [
      { matchExpressions: [{ key: 'app', operator: 'In', values: ['db'] }] },
      { app: 'db' },
      true,
    ],
    [
      { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] },
      { app: 'db' },
      false,
    ],
    [
      { matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
      { app: 'db' },
      false,
    ],
    [
      { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] },
      { app: 'db' },
      true,
    ],
  ])('policy/v1 selection: %j selects %j: %s', (selector, labels, selected) => {
    expect(budgetSelects(selector as any, labels)).toBe(selected);
  });
});
