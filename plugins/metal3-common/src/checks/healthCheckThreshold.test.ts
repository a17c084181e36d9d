import {
  isRemediationAllowed,
  parseUnhealthyRange,
  remediationLimit,
  scaledIntOrPercent,
  smallestRemediatingPercent,
} from './healthCheckThreshold';

describe('scaledIntOrPercent (apimachinery intstr, roundUp=false)', () => {
  it.each([
    ['40%', 2, 0], // the guide's MachineHealthCheck on its 2 replicas
    ['40%', 3, 1],
    ['40%', 5, 2],
    ['40%', 10, 4],
    ['50%', 2, 1],
    ['33%', 3, 0],
    ['34%', 3, 1],
    ['100%', 7, 7],
    ['0%', 7, 0],
    [2, 10, 2],
    [0, 10, 0],
    ['2', 10, undefined], // a string that is not a percentage
    ['40.5%', 10, undefined],
    ['%', 10, undefined],
    [1.5, 10, undefined],
  ])('%j of %i → %s', (value, total, scaled) => {
    expect(scaledIntOrPercent(value, total)).toBe(scaled);
  });

  it('rounds up when asked (maxSurge)', () => {
    expect(scaledIntOrPercent('40%', 2, true)).toBe(1);
  });
});

describe('parseUnhealthyRange', () => {
  it.each([
    ['[1-3]', { min: 1, max: 3 }],
    ['[0-0]', { min: 0, max: 0 }],
    ['[3-1]', undefined],
    ['1-3', undefined],
    ['[1 - 3]', undefined],
  ])('%s → %j', (range, parsed) => {
    expect(parseUnhealthyRange(range)).toEqual(parsed);
  });
});

describe('remediationLimit', () => {
  it.each([
    [
      'the guide: maxUnhealthy 40% on 2',
      { unhealthyLessThanOrEqualTo: '40%' },
      2,
      false,
    ],
    ['40% on 3', { unhealthyLessThanOrEqualTo: '40%' }, 3, true],
    ['the default (100%) on 1', {}, 1, true],
    ['an integer 0', { unhealthyLessThanOrEqualTo: 0 }, 5, false],
    ['an integer 1', { unhealthyLessThanOrEqualTo: 1 }, 5, true],
    [
      'a range that wins over maxUnhealthy',
      { unhealthyLessThanOrEqualTo: '0%', unhealthyRange: '[1-2]' },
      5,
      true,
    ],
    ['a range with max 0', { unhealthyRange: '[0-0]' }, 5, false],
    ['a range above the pool size', { unhealthyRange: '[3-5]' }, 2, false],
    ['an empty pool', {}, 0, false],
  ])('%s → canRemediate %s', (_case, threshold, machines, can) => {
    expect(remediationLimit(threshold, machines)).toMatchObject({
      valid: true,
      canRemediate: can,
    });
  });

  it.each([
    [
      { unhealthyLessThanOrEqualTo: '2' },
      'maxUnhealthy "2" is neither an integer nor a percentage',
    ],
    [
      { unhealthyRange: '[3-1]' },
      'unhealthyRange "[3-1]" is not [min-max] with min ≤ max',
    ],
  ])('refuses %j as CAPI does', (threshold, message) => {
    const limit = remediationLimit(threshold, 3);
    expect(limit.valid).toBe(false);
    expect(!limit.valid && limit.message).toContain(message);
  });
});

describe('isRemediationAllowed', () => {
  it.each([
    [{ unhealthyLessThanOrEqualTo: '40%' }, 2, 1, false],
    [{ unhealthyLessThanOrEqualTo: '40%' }, 5, 2, true],
    [{ unhealthyLessThanOrEqualTo: '40%' }, 5, 3, false],
    [{ unhealthyRange: '[1-2]' }, 5, 0, false],
    [{ unhealthyRange: '[1-2]' }, 5, 1, true],
  ])(
    '%j, %i expected, %i unhealthy → %s',
    (threshold, expected, unhealthy, allowed) => {
      expect(isRemediationAllowed(threshold, expected, unhealthy)).toBe(
        allowed,
      );
    },
  );
});

describe('smallestRemediatingPercent', () => {
  it.each([
    [1, 100],
    [2, 50],
    [3, 34],
    [7, 15],
    [200, 1],
  ])(
    '%i machines → %i%%, and one percent less remediates nothing',
    (machines, percent) => {
      expect(smallestRemediatingPercent(machines)).toBe(percent);
      expect(
        scaledIntOrPercent(`${percent}%`, machines),
      ).toBeGreaterThanOrEqual(1);
      expect(scaledIntOrPercent(`${percent - 1}%`, machines)).toBe(0);
    },
  );

  it('is 100% for an empty pool', () => {
    expect(smallestRemediatingPercent(0)).toBe(100);
  });
});
