import { retryAfterMs } from './retryAfter';

describe('retryAfterMs', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');

  it.each([
    ['120', 120_000],
    [' 3 ', 3_000],
    ['0', 0],
    [['7', '9'], 7_000],
    // HTTP-date, all three forms RFC 9110 allows
    ['Sun, 01 Mar 2026 12:00:05 GMT', 5_000],
    ['Sunday, 01-Mar-26 12:00:30 GMT', 30_000],
    ['Sun Mar  1 12:01:00 2026', 60_000],
    // a date that has passed: retry now
    ['Sun, 01 Mar 2026 11:00:00 GMT', 0],
  ])('%p → %d ms', (header, ms) => {
    expect(retryAfterMs(header as string | string[], now)).toBe(ms);
  });

  it.each([undefined, '', '-3', '1.5', 'soon', 'Fri, 99 Foo 2026 GMT'])(
    'ignores %p',
    header => {
      expect(retryAfterMs(header, now)).toBeUndefined();
    },
  );
});
