import { firstDifference } from './createOrAdopt';

describe('firstDifference', () => {
  it('accepts what the API server added and names the first field that differs', () => {
    const desired = {
      spec: { replicas: 2, selector: { matchLabels: { pool: 'w' } } },
      metadata: { labels: { a: 'b' } },
    };
    const stored = {
      spec: {
        replicas: 2,
        selector: { matchLabels: { pool: 'w' } },
        minReadySeconds: 0,
      },
      metadata: { labels: { a: 'b', added: 'by-someone' }, uid: 'x' },
    };
    expect(firstDifference(desired, stored)).toBeUndefined();
    expect(
      firstDifference(desired, {
        ...stored,
        spec: { ...stored.spec, replicas: 3 },
      }),
    ).toBe('spec.replicas');
  });

  it('compares lists element by element and by length', () => {
    expect(
      firstDifference(
        { pools: [{ start: 'a' }] },
        { pools: [{ start: 'a', end: 'z' }] },
      ),
    ).toBeUndefined();
    expect(
      firstDifference({ pools: [{ start: 'a' }] }, { pools: [{ start: 'b' }] }),
    ).toBe('pools[0].start');
    expect(firstDifference({ pools: [1] }, { pools: [1, 2] })).toBe('pools');
  });
});
