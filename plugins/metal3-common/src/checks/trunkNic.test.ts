import { isTrunkCandidate, pickTrunkNic } from './trunkNic';

const BOOT = 'aa:bb:cc:dd:ee:01';
const mgmt = { name: 'eno1', mac: BOOT, ip: '192.168.0.50', speedGbps: 1 };
const trunk = { name: 'eno2', mac: 'aa:bb:cc:dd:ee:02', speedGbps: 25 };
const slow = { name: 'eno3', mac: 'aa:bb:cc:dd:ee:03', speedGbps: 1 };

describe('pickTrunkNic', () => {
  it.each([
    [
      'the fastest NIC without address that is not the boot NIC',
      [mgmt, slow, trunk],
      undefined,
      'eno2',
    ],
    [
      'the boot NIC never, even without address',
      [{ ...mgmt, ip: undefined, speedGbps: 100 }, slow],
      undefined,
      'eno3',
    ],
    [
      'the boot MAC in any case',
      [
        { ...mgmt, mac: BOOT.toUpperCase(), ip: undefined, speedGbps: 100 },
        slow,
      ],
      undefined,
      'eno3',
    ],
    [
      'a NIC addressed in any entry (IPv4 and IPv6 entries)',
      [{ ...trunk, ip: 'fd00::5' }, { ...trunk }, slow],
      undefined,
      'eno3',
    ],
    [
      'ties in inspection order',
      [mgmt, { ...slow, name: 'eth1' }, { ...slow, name: 'eth2' }],
      undefined,
      'eth1',
    ],
    ['the named NIC when present', [mgmt, slow, trunk], 'eno3', 'eno3'],
    [
      'nothing when the named NIC is absent',
      [mgmt, slow, trunk],
      'eth9',
      undefined,
    ],
    [
      'nothing when only the management NIC exists',
      [mgmt],
      undefined,
      undefined,
    ],
    ['nothing for an uninspected host', [], undefined, undefined],
  ])('picks %s', (_case, nics, nicName, expected) => {
    expect(pickTrunkNic(nics, BOOT, nicName)).toBe(expected);
  });
});

describe('isTrunkCandidate', () => {
  it.each([
    ['eno2', true],
    ['eno1', false],
    ['eth9', false],
    [undefined, false],
  ])('%s → %s', (name, expected) => {
    expect(isTrunkCandidate([mgmt, trunk], name, BOOT)).toBe(expected);
  });
});
