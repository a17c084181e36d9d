import { isBmcHostName, isIPv4, isIPv6, isNumericHostSpelling } from './host';

describe('host checks', () => {
  it.each([
    // value, IPv4, IPv6, host name
    ['10.0.0.1', true, false, false],
    ['255.255.255.255', true, false, false],
    ['256.0.0.1', false, false, false],
    ['010.0.0.1', false, false, false],
    ['1.2.3', false, false, false],
    ['::1', false, true, false],
    ['::', false, true, false],
    ['fd00::1', false, true, false],
    ['2001:db8:0:0:0:0:0:1', false, true, false],
    ['2001:db8:0:0:0:0:0:1:2', false, false, false],
    ['2001:db8::0:0:0:0:0:1', false, false, false],
    ['1::2::3', false, false, false],
    ['::ffff:192.0.2.1', false, true, false],
    ['::ffff:192.0.2.256', false, false, false],
    ['fe80::1%eth0', false, false, false],
    ['12345::1', false, false, false],
    ['bmc', false, false, true],
    ['BMC-01.Rack.Example', false, false, true],
    [`${'a'.repeat(63)}.example`, false, false, true],
    [`${'a'.repeat(64)}.example`, false, false, false],
    ['-bmc', false, false, false],
    ['bmc-', false, false, false],
    ['bmc.', false, false, false],
    ['1bmc', false, false, true],
    // numeric spellings getaddrinfo and URL parsers read as IPv4
    ['2130706433', false, false, false],
    ['0x7f.1', false, false, false],
    ['0x7f000001', false, false, false],
    ['017700000001', false, false, false],
    ['127.1', false, false, false],
    ['bmc.0x10', false, false, false],
    ['rack1.42', false, false, false],
  ])('%s', (value, ipv4, ipv6, name) => {
    expect(isIPv4(value)).toBe(ipv4);
    expect(isIPv6(value)).toBe(ipv6);
    expect(isBmcHostName(value)).toBe(name);
  });
});

describe('isNumericHostSpelling', () => {
  it.each([
    ['2130706433', true],
    ['0x7f.1', true],
    ['0X7F.0.0.1', true],
    ['017700000001', true],
    ['0177.0.0.1', true],
    ['127.1', true],
    ['999.1.1.1', true],
    ['bmc.0x10', true],
    ['127.0.0.1', false],
    ['bmc-0x10', false],
    ['0x7f.bmc', false],
    ['bmc.example', false],
  ])('%s: %s', (value, numeric) => {
    expect(isNumericHostSpelling(value)).toBe(numeric);
  });
});
