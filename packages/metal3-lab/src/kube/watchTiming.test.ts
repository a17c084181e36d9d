import {
  BOOKMARK_FREQUENCY_MS,
  MIN_REQUEST_TIMEOUT_SECONDS,
  nextBookmarkDelayMs,
  watchTimeoutMs,
} from './watchTiming';

describe('watch timing as kube-apiserver', () => {
  it('keeps a watch open for the client timeoutSeconds; a negative one ends it at once', () => {
    expect(watchTimeoutMs(300, 1800)).toBe(300_000);
    expect(watchTimeoutMs(-5, 1800)).toBe(0);
  });

  it('without timeoutSeconds (or with 0) closes between min-request-timeout and twice that', () => {
    expect(MIN_REQUEST_TIMEOUT_SECONDS).toBe(1800);
    expect(watchTimeoutMs(undefined, 1800, () => 0)).toBe(1_800_000);
    expect(watchTimeoutMs(0, 1800, () => 0.5)).toBe(2_700_000);
    expect(watchTimeoutMs(undefined, 1800, () => 0.999)).toBeLessThan(
      3_600_000,
    );
  });

  it('sends a bookmark about once a minute, and one 2 s before the deadline', () => {
    expect(BOOKMARK_FREQUENCY_MS).toBe(60_000);
    const now = 1_000_000;
    expect(nextBookmarkDelayMs(now, now + 300_000, 60_000)).toBe(60_000);
    expect(nextBookmarkDelayMs(now, now + 30_000, 60_000)).toBe(28_000);
    // Once the pre-deadline bookmark is due now or past, none is left.
    expect(nextBookmarkDelayMs(now, now + 2000, 60_000)).toBeUndefined();
    expect(nextBookmarkDelayMs(now, now + 1000, 60_000)).toBeUndefined();
  });
});
