import { detectStuck, formatDuration } from './stuck';

const now = new Date('2026-11-25T12:00:00Z');
const minutesAgo = (m: number) =>
  new Date(now.getTime() - m * 60_000).toISOString();

describe('detectStuck', () => {
  it('flags an inspection running far longer than normal', () => {
    const report = detectStuck(
      'inspecting',
      { inspect: { start: minutesAgo(95) } },
      now,
    );
    expect(report).toEqual({
      stuck: true,
      elapsedSeconds: 95 * 60,
      expectedSeconds: 30 * 60,
      message: 'inspecting for 1h 35m; it normally takes less than 30m',
    });
  });

  it('does not flag a provisioning within its normal time', () => {
    expect(
      detectStuck(
        'provisioning',
        { provision: { start: minutesAgo(15) } },
        now,
      ),
    ).toEqual({ stuck: false, elapsedSeconds: 900, expectedSeconds: 2400 });
  });

  it.each([
    [
      'a settled state',
      'provisioned',
      { provision: { start: minutesAgo(500) } },
    ],
    [
      'an ended operation',
      'inspecting',
      { inspect: { start: minutesAgo(500), end: minutesAgo(400) } },
    ],
    ['no history', 'deprovisioning', undefined],
    ['a bad timestamp', 'registering', { register: { start: 'yesterday' } }],
  ])('says nothing for %s', (_, state, history) => {
    expect(detectStuck(state, history as any, now).stuck).toBe(false);
  });

  it('takes custom limits', () => {
    expect(
      detectStuck('registering', { register: { start: minutesAgo(2) } }, now, {
        registering: 60,
      }).stuck,
    ).toBe(true);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [59, '59s'],
    [60, '1m'],
    [3600, '1h'],
    [3660, '1h 1m'],
    [90061, '25h 1m'],
  ])('%d s is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
