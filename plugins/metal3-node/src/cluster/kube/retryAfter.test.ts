import { retryAfterSeconds } from './retryAfter';

describe('retryAfterSeconds', () => {
  const now = Date.parse('2026-12-07T10:00:00Z');

  it('reads delta seconds from the header first', () => {
    expect(retryAfterSeconds('7', { details: { retryAfterSeconds: 3 } })).toBe(
      7,
    );
  });

  it('reads an HTTP date as the seconds until then', () => {
    expect(retryAfterSeconds('Mon, 07 Dec 2026 10:00:05 GMT', {}, now)).toBe(5);
    expect(retryAfterSeconds('Mon, 07 Dec 2026 09:59:00 GMT', {}, now)).toBe(0);
  });

  it("falls back to the Status body's details.retryAfterSeconds", () => {
    expect(
      retryAfterSeconds(undefined, { details: { retryAfterSeconds: 2 } }),
    ).toBe(2);
    expect(
      retryAfterSeconds('soon', { details: { retryAfterSeconds: 4 } }),
    ).toBe(4);
  });

  it('is undefined when the answer asks for no wait', () => {
    expect(retryAfterSeconds(undefined, { message: 'x' })).toBeUndefined();
    expect(retryAfterSeconds('', undefined)).toBeUndefined();
  });
});
