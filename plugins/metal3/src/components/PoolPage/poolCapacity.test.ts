import { poolCapacity } from './poolCapacity';

const pool = (
  members: number,
  ready: number,
  free: number,
  wanted: number,
) => ({
  members: Array.from({ length: members }),
  readyReplicas: ready,
  freeMatchingHosts: free,
  desiredReplicas: wanted,
});

describe('poolCapacity', () => {
  it('splits members into ready and not ready', () => {
    expect(poolCapacity(pool(3, 2, 4, 3))).toMatchObject({
      members: 3,
      ready: 2,
      notReady: 1,
      free: 4,
      wanted: 3,
      shortBy: 0,
      severity: 'ok',
      verdict: 'At its wanted size; 4 hosts free for a scale-up.',
    });
  });

  it('says how many hosts a pool lacks when members and free hosts fall short', () => {
    const figures = poolCapacity(pool(2, 2, 1, 5));
    expect(figures.shortBy).toBe(2);
    expect(figures.severity).toBe('warning');
    expect(figures.verdict).toMatch(
      /^Short by 2 hosts: it wants 5 and only 3 are members or free matching hosts/,
    );
  });

  it('tells growing from shrinking', () => {
    expect(poolCapacity(pool(1, 1, 3, 3)).verdict).toBe(
      'Growing by 2 hosts from the free matching ones.',
    );
    expect(poolCapacity(pool(3, 3, 0, 2)).verdict).toBe(
      'Shrinking: 1 host to leave the pool.',
    );
  });

  it('never counts more ready members than members', () => {
    // machines can be ready before the portal sees their hosts claimed
    expect(poolCapacity(pool(1, 3, 0, 3))).toMatchObject({
      ready: 1,
      notReady: 0,
    });
  });

  it('calls a pool with nothing in it empty', () => {
    expect(poolCapacity(pool(0, 0, 0, 0))).toMatchObject({
      severity: 'info',
      verdict: 'Empty: no member, no free matching host, no replica wanted.',
    });
  });
});
