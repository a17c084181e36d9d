import { describePods, impactPods, LISTED_PODS } from './podImpact';

const pod = (namespace: string, name: string, owner?: string) => ({
  metadata: {
    namespace,
    name,
    ...(owner && {
      ownerReferences: [{ kind: 'ReplicaSet', name: owner, controller: true }],
    }),
  },
});

describe('impactPods', () => {
  it('lists pods sorted, with their controller, and counts all of them', () => {
    const pods = [pod('b', 'web-1', 'web-7f'), pod('a', 'db-0')];
    expect(impactPods(pods)).toEqual({
      pods: [
        { namespace: 'a', name: 'db-0' },
        { namespace: 'b', name: 'web-1', owner: 'ReplicaSet/web-7f' },
      ],
      podCount: 2,
    });
  });

  it(`lists at most ${LISTED_PODS} pods of a crowded node`, () => {
    const many = Array.from({ length: 120 }, (_, i) => pod('app', `p-${i}`));
    const impact = impactPods(many);
    expect(impact.pods).toHaveLength(LISTED_PODS);
    expect(impact.podCount).toBe(120);
  });
});

describe('describePods', () => {
  it('names three pods and counts the rest', () => {
    const impact = impactPods(
      ['a', 'b', 'c', 'd', 'e'].map(n => pod('app', n)),
    );
    expect(describePods('w-3', impact, 'evicted')).toBe(
      '5 pods evicted from node w-3: app/a, app/b, app/c, and 2 more',
    );
    expect(describePods('w-3', impactPods([]), 'evicted')).toBe(
      'No pod to evict from node w-3',
    );
  });
});
