import { probeText } from './probeText';

describe('probeText', () => {
  it.each([
    [undefined, 'not probed'],
    [
      { status: 200, checkedAt: '2026-12-07T17:00:00Z' },
      'reachable (HTTP 200), checked 2026-12-07T17:00:00Z',
    ],
    [{ status: 404 }, 'unreachable (HTTP 404)'],
    [
      { error: 'connect ECONNREFUSED', checkedAt: 't' },
      'unreachable: connect ECONNREFUSED, checked t',
    ],
    [
      { skipped: 'address not allowed by metal3.images.allowedNetworks' },
      'not probed: address not allowed by metal3.images.allowedNetworks',
    ],
  ])('%j reads %s', (probe, text) => {
    expect(probeText(probe)).toBe(text);
  });
});
