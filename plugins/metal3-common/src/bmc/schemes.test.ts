import {
  BMC_SCHEMES,
  getBmcScheme,
  getRemovedBmcScheme,
  REMOVED_BMC_SCHEMES,
} from './schemes';

describe('BMC_SCHEMES', () => {
  it('lists every scheme BMO registers, once', () => {
    expect(BMC_SCHEMES.map(s => s.name).sort()).toEqual([
      'idrac-redfish',
      'idrac-virtualmedia',
      'ilo5-redfish',
      'ilo5-virtualmedia',
      'ipmi',
      'libvirt',
      'redfish',
      'redfish-uefihttp',
      'redfish-virtualmedia',
    ]);
  });

  it('points deprecated aliases at current schemes', () => {
    for (const s of BMC_SCHEMES.filter(x => x.deprecated)) {
      expect(
        getBmcScheme(s.deprecated!.replacement)?.deprecated,
      ).toBeUndefined();
    }
  });

  it('never lists a removed scheme as accepted', () => {
    for (const r of REMOVED_BMC_SCHEMES) {
      expect(getBmcScheme(r.name)).toBeUndefined();
    }
  });

  it.each([
    ['REDFISH', 'redfish'],
    ['nope', undefined],
  ])('getBmcScheme(%s)', (name, found) => {
    expect(getBmcScheme(name)?.name).toBe(found);
  });

  it.each([
    ['idrac+https', 'v0.6.0'],
    ['ILO5', 'v0.12.0'],
    ['redfish', undefined],
  ])('getRemovedBmcScheme(%s)', (name, release) => {
    expect(getRemovedBmcScheme(name)?.removedIn).toBe(release);
  });
});
