import {
  MIN_WATCH_TIMEOUT_SECONDS,
  watchInactivityMs,
  watchTimeoutSeconds,
} from './watchTiming';

describe('watch timing', () => {
  it('asks for 5 to 10 minutes, as client-go does', () => {
    expect(watchTimeoutSeconds(MIN_WATCH_TIMEOUT_SECONDS, 0)).toBe(300);
    expect(watchTimeoutSeconds(MIN_WATCH_TIMEOUT_SECONDS, 0.999)).toBe(599);
  });

  it("gives a quiet watch longer than the server's minute between bookmarks", () => {
    for (const random of [0, 0.5, 0.999]) {
      const timeout = watchTimeoutSeconds(MIN_WATCH_TIMEOUT_SECONDS, random);
      // Past the server's own close, so the client never cuts first.
      expect(watchInactivityMs(timeout)).toBeGreaterThan(timeout * 1000);
      expect(watchInactivityMs(timeout)).toBeGreaterThan(60_000);
    }
  });
});
