import { ServerThrottle } from './ServerThrottle';

describe('ServerThrottle', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  const tooLong = (ms: number) => new Error(`hold ${ms}`);
  const far = () => Date.now() + 60_000;

  it('lets requests through at once while the server accepts them', async () => {
    const throttle = new ServerThrottle();
    await expect(throttle.pass(far(), tooLong)).resolves.toBe(false);
  });

  it('holds every request for the wait the server asked, then sends one probe while the rest wait for its answer', async () => {
    const throttle = new ServerThrottle();
    expect(throttle.refused(1, false)).toBe(1);
    // The rest of the wave that met the throttle confirms it, no longer hold.
    expect(throttle.refused(1, false)).toBe(1);

    const order: string[] = [];
    const requests = [0, 1, 2].map(i =>
      throttle.pass(far(), tooLong).then(probe => {
        order.push(`${i}:${probe ? 'probe' : 'sent'}`);
        return probe;
      }),
    );
    await jest.advanceTimersByTimeAsync(999);
    expect(order).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(order).toEqual(['0:probe']);

    throttle.accepted();
    await jest.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['0:probe', '1:sent', '2:sent']);
    await Promise.all(requests);
  });

  it('doubles the hold for each refused probe, up to 16 s, never less than asked', () => {
    const throttle = new ServerThrottle();
    const holds = [throttle.refused(1, false)];
    for (let i = 0; i < 6; i++) holds.push(throttle.refused(1, true));
    expect(holds).toEqual([1, 2, 4, 8, 16, 16, 16]);
    expect(new ServerThrottle().refused(30, false)).toBe(30);
  });

  it('refuses to wait past the caller’s deadline', async () => {
    const throttle = new ServerThrottle();
    throttle.refused(20, false);
    await expect(throttle.pass(Date.now() + 5000, tooLong)).rejects.toThrow(
      'hold 20000',
    );
  });

  it('lets the next request probe when a probe ended without an answer', async () => {
    const throttle = new ServerThrottle();
    throttle.refused(1, false);
    await jest.advanceTimersByTimeAsync(1000);
    await expect(throttle.pass(far(), tooLong)).resolves.toBe(true);
    const next = throttle.pass(far(), tooLong);
    throttle.abandoned();
    await expect(next).resolves.toBe(true);
  });
});
