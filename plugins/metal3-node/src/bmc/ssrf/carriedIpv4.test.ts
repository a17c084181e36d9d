import { carriedIpv4 } from './carriedIpv4';

describe('carriedIpv4', () => {
  it.each([
    ['::7f00:1', [['127.0.0.1', 'IPv4-compatible']]],
    ['::ffff:0:a9fe:a9fe', [['169.254.169.254', 'IPv4-translated, RFC 6145']]],
    ['64:ff9b::a9fe:a9fe', [['169.254.169.254', 'NAT64, 64:ff9b::/96']]],
    ['2002:a9fe:a9fe::1', [['169.254.169.254', '6to4, 2002::/16']]],
    [
      '2001:0:4136:e378:8000:63bf:80ff:fffe',
      [
        ['65.54.227.120', 'Teredo server, 2001::/32'],
        ['127.0.0.1', 'Teredo client, 2001::/32'],
      ],
    ],
    ['::1', []],
    ['::', []],
    ['fd00::7f00:1', []],
    ['2001:db8::1', []],
  ])('%s carries %j', (address, expected) => {
    expect(carriedIpv4(address).map(c => [c.address, c.via])).toEqual(expected);
  });

  it('reads every placement of a local-use NAT64 prefix (RFC 8215)', () => {
    expect(carriedIpv4('64:ff9b:1:7f00:0:100::').map(c => c.address)).toEqual([
      '127.0.0.1',
      '0.0.1.0',
      '0.1.0.0',
      '0.0.0.0',
    ]);
  });
});
