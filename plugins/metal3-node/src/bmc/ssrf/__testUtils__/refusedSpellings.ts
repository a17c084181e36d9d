import { AddressInfo, createServer, Server } from 'node:net';

/**
 * Every spelling of 127.0.0.1 the guard must refuse in production (no
 * `metal3.bmc` settings), written as the host part of a URL. Tests put a
 * counting server on 127.0.0.1 behind them: it must see no connection.
 */
export const LOOPBACK_SPELLINGS: [string, RegExp][] = [
  ['127.0.0.1', /resolves to 127\.0\.0\.1, which is refused \(loopback\)/],
  ['[::ffff:127.0.0.1]', /resolves to 127\.0\.0\.1, .*\(loopback\)/],
  ['[::ffff:7f00:1]', /resolves to 127\.0\.0\.1, .*\(loopback\)/],
  ['[::FFFF:7F00:0001]', /resolves to 127\.0\.0\.1, .*\(loopback\)/],
  ['[0:0:0:0:0:ffff:7f00:1]', /resolves to 127\.0\.0\.1, .*\(loopback\)/],
  ['[::7f00:1]', /loopback: carries 127\.0\.0\.1, IPv4-compatible/],
  ['[::127.0.0.1]', /loopback: carries 127\.0\.0\.1, IPv4-compatible/],
  ['[::ffff:0:7f00:1]', /loopback: carries 127\.0\.0\.1, IPv4-translated/],
  ['[64:ff9b::7f00:1]', /loopback: carries 127\.0\.0\.1, NAT64/],
  ['[64:ff9b::127.0.0.1]', /loopback: carries 127\.0\.0\.1, NAT64/],
  ['[64:ff9b:1:7f00:0:100::]', /loopback: carries 127\.0\.0\.1, local-use/],
  ['[2002:7f00:1::]', /loopback: carries 127\.0\.0\.1, 6to4/],
  [
    '[2001:0:4136:e378:8000:63bf:80ff:fffe]',
    /loopback: carries 127\.0\.0\.1, Teredo client/,
  ],
  ['localhost', /localhost resolves to (127\.0\.0\.1|::1), .*\(loopback\)/],
  ['2130706433', /non-standard spelling of the IPv4 address 127\.0\.0\.1/],
  ['0x7f000001', /non-standard spelling of the IPv4 address 127\.0\.0\.1/],
  ['0x7f.1', /non-standard spelling of the IPv4 address 127\.0\.0\.1/],
  ['017700000001', /non-standard spelling of the IPv4 address 127\.0\.0\.1/],
  ['0177.0.0.1', /non-standard spelling of the IPv4 address 127\.0\.0\.1/],
  ['127.1', /non-standard spelling of the IPv4 address 127\.0\.0\.1/],
];

/** Spellings of the cloud metadata and other refused addresses, with the reason. */
export const OTHER_REFUSED_SPELLINGS: [string, RegExp][] = [
  ['169.254.169.254', /\(cloud metadata\)/],
  ['[::ffff:a9fe:a9fe]', /169\.254\.169\.254, .*\(cloud metadata\)/],
  ['[::ffff:169.254.169.254]', /169\.254\.169\.254, .*\(cloud metadata\)/],
  ['[::ffff:0:a9fe:a9fe]', /cloud metadata: carries 169\.254\.169\.254/],
  ['[64:ff9b::a9fe:a9fe]', /cloud metadata: carries 169\.254\.169\.254/],
  ['[::a9fe:a9fe]', /cloud metadata: carries 169\.254\.169\.254/],
  ['[2002:a9fe:a9fe::]', /cloud metadata: carries 169\.254\.169\.254/],
  [
    '2852039166',
    /non-standard spelling of the IPv4 address 169\.254\.169\.254/,
  ],
  [
    '0xa9.0xfe.0xa9.0xfe',
    /non-standard spelling of the IPv4 address 169\.254\.169\.254/,
  ],
  [
    'metadata.google.internal',
    /resolves to 169\.254\.169\.254.*\(cloud metadata\)/,
  ],
  ['[fd00:ec2::254]', /\(cloud metadata\)/],
  ['[fd20:ce::254]', /\(cloud metadata\)/],
  ['[fe80::a9fe:a9fe]', /\(cloud metadata\)/],
  ['169.254.170.2', /\(cloud metadata\)/],
  ['100.100.100.200', /\(cloud metadata\)/],
  ['192.0.0.192', /\(cloud metadata\)/],
  ['168.63.129.16', /\(cloud metadata\)/],
  ['169.254.10.1', /\(link-local\)/],
  ['[fe80::1]', /\(link-local\)/],
  ['[::ffff:169.254.10.1]', /\(link-local\)/],
  ['[::1]', /\(loopback\)/],
  ['0.0.0.0', /\(unspecified\)/],
  ['[::]', /\(unspecified\)/],
  ['[::ffff:0.0.0.0]', /\(unspecified\)/],
  ['[64:ff9b::]', /unspecified: carries 0\.0\.0\.0, NAT64/],
  ['224.0.0.251', /\(multicast\)/],
  ['[ff02::1]', /\(multicast\)/],
  ['[::ffff:e000:fb]', /\(multicast\)/],
  ['255.255.255.255', /\(reserved\)/],
  ['[fe80::1%25eth0]', /zone index/],
];

/** The one name the tests resolve themselves: everything else is a literal or /etc/hosts. */
export async function testLookup(host: string) {
  if (host === 'metadata.google.internal') {
    return [{ address: '169.254.169.254', family: 4 }];
  }
  const { lookup } = await import('node:dns/promises');
  return lookup(host, { all: true, verbatim: true });
}

/** A TCP listener that counts connections and closes each at once. */
export async function countingListener(host = '127.0.0.1') {
  let connections = 0;
  const server: Server = createServer(socket => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>(resolve => server.listen(0, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
