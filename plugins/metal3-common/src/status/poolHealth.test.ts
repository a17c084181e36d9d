import { describePool } from './poolHealth';

describe('describePool', () => {
  it('is healthy when every desired replica is available and up to date', () => {
    expect(
      describePool({
        desired: 2,
        current: 2,
        ready: 2,
        available: 2,
        upToDate: 2,
      }),
    ).toEqual({
      code: 'healthy',
      label: 'Healthy',
      unavailable: 0,
      problems: [],
    });
  });

  it('says a scale-up is blocked when no free host matches', () => {
    const health = describePool({
      desired: 3,
      current: 2,
      available: 2,
      freeMatchingHosts: 0,
    });
    expect(health.code).toBe('blocked');
    expect(health.problems[0]).toContain('no available host matches');
  });

  it('is scaling up while hosts are free', () => {
    expect(
      describePool({
        desired: 3,
        current: 2,
        available: 2,
        freeMatchingHosts: 4,
      }).code,
    ).toBe('scaling-up');
  });

  it('is scaling down while extra machines exist', () => {
    expect(describePool({ desired: 1, current: 2, available: 2 }).code).toBe(
      'scaling-down',
    );
  });

  it('is rolling out while machines are not up to date', () => {
    expect(
      describePool({ desired: 2, current: 2, available: 2, upToDate: 1 }).code,
    ).toBe('rolling-out');
  });

  it('reports remediation before degradation', () => {
    const health = describePool({
      desired: 2,
      current: 2,
      available: 1,
      activeRemediations: 1,
    });
    expect(health.code).toBe('remediating');
    expect(health.unavailable).toBe(1);
    expect(health.problems).toEqual([
      '1 machine(s) being remediated',
      '1 of 2 replica(s) not available',
    ]);
  });

  it('is degraded when machines exist but are not available', () => {
    expect(
      describePool({ desired: 2, current: 2, available: 0 }),
    ).toMatchObject({
      code: 'degraded',
      unavailable: 2,
    });
  });

  it('shows paused above everything', () => {
    expect(
      describePool({
        desired: 3,
        current: 0,
        paused: true,
        freeMatchingHosts: 0,
      }).code,
    ).toBe('paused');
  });
});
