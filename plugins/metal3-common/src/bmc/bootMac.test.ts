import { needsBootMac, validateBootMac } from './bootMac';

describe('validateBootMac', () => {
  it.each([
    ['52:54:00:12:34:56', '52:54:00:12:34:56'],
    ['AA:BB:CC:DD:EE:FF', 'aa:bb:cc:dd:ee:ff'],
    ['aa-bb-cc-dd-ee-0f', 'aa:bb:cc:dd:ee:0f'],
    [' 52:54:00:12:34:56 ', '52:54:00:12:34:56'],
  ])('%p → %s', (input, mac) => {
    expect(validateBootMac(input)).toEqual({ ok: true, mac });
  });

  it.each([
    ['', 'bootMACAddress is required'],
    ['52:54:00:12:34', 'is not a valid MAC address'],
    ['52:54:00:12:34:56:78', 'is not a valid MAC address'],
    ['52:54:00:12:34:56:78:9a', 'is not a valid MAC address'],
    ['52:54-00:12:34:56', 'is not a valid MAC address'],
    ['5254.0012.3456', 'is not a valid MAC address'],
    ['525400123456', 'is not a valid MAC address'],
    ['52:54:00:12:34:5g', 'is not a valid MAC address'],
    ['2:54:00:12:34:56', 'is not a valid MAC address'],
    ['x52:54:00:12:34:56', 'is not a valid MAC address'],
  ])('rejects %p', (input, expected) => {
    const result = validateBootMac(input);
    expect(result).toMatchObject({ ok: false, field: 'spec.bootMACAddress' });
    expect(!result.ok && result.message).toContain(expected);
  });
});

describe('needsBootMac', () => {
  it.each([
    // scheme, inspection disabled, required
    ['ipmi', false, false],
    ['ipmi', true, true],
    ['libvirt', false, true],
    ['libvirt', true, true],
    ['redfish', false, false],
    ['redfish-virtualmedia', true, true],
    ['idrac-virtualmedia+https', false, false],
    ['unknown', false, false],
  ])('%s, inspection disabled %s → %s', (scheme, disabled, required) => {
    expect(needsBootMac(scheme, disabled)).toBe(required);
    expect(needsBootMac({ scheme }, disabled)).toBe(
      scheme.includes('+') ? needsBootMac(scheme, disabled) : required,
    );
  });
});
