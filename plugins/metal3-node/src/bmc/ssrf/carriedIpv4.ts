import ipaddr from 'ipaddr.js';
import { BlockList } from 'node:net';

/** An IPv4 address an IPv6 address carries, and the mechanism that carries it. */
export interface CarriedIpv4 {
  address: string;
  via: string;
}

/**
 * IPv6 ranges that deliver to, or translate to, an IPv4 address written
 * inside them, with the byte positions of that address (RFC 6052 §2.2 for
 * the NAT64 prefixes; a local-use NAT64 prefix may be any of /48 to /96, so
 * every placement is read). IPv4-mapped addresses are not here: they are
 * IPv4 addresses already (see readHost).
 */
const EMBEDDINGS: {
  network: string;
  prefix: number;
  via: string;
  positions: number[][];
  /** Teredo stores the client address inverted. */
  inverted?: boolean;
  /** Addresses in the range that carry nothing. */
  except?: string[];
}[] = [
  {
    network: '::',
    prefix: 96,
    via: 'IPv4-compatible',
    positions: [[12, 13, 14, 15]],
    // RFC 4291 §2.5.5.1: the unspecified and loopback addresses are not
    // IPv4-compatible addresses (they are judged as themselves).
    except: ['::', '::1'],
  },
  {
    network: '::ffff:0:0:0',
    prefix: 96,
    via: 'IPv4-translated, RFC 6145',
    positions: [[12, 13, 14, 15]],
  },
  {
    network: '64:ff9b::',
    prefix: 96,
    via: 'NAT64, 64:ff9b::/96',
    positions: [[12, 13, 14, 15]],
  },
  {
    network: '64:ff9b:1::',
    prefix: 48,
    via: 'local-use NAT64, 64:ff9b:1::/48',
    positions: [
      [6, 7, 9, 10],
      [7, 9, 10, 11],
      [9, 10, 11, 12],
      [12, 13, 14, 15],
    ],
  },
  {
    network: '2002::',
    prefix: 16,
    via: '6to4, 2002::/16',
    positions: [[2, 3, 4, 5]],
  },
  {
    network: '2001::',
    prefix: 32,
    via: 'Teredo server, 2001::/32',
    positions: [[4, 5, 6, 7]],
  },
  {
    network: '2001::',
    prefix: 32,
    via: 'Teredo client, 2001::/32',
    positions: [[12, 13, 14, 15]],
    inverted: true,
  },
];

const RANGES = EMBEDDINGS.map(embedding => {
  const range = new BlockList();
  range.addSubnet(embedding.network, embedding.prefix, 'ipv6');
  return { ...embedding, range };
});

/**
 * Every IPv4 address `address` (canonical IPv6 text) carries: the guard
 * judges each as the IPv4 address it is, so `64:ff9b::a9fe:a9fe` is the
 * metadata endpoint 169.254.169.254 and `2002:7f00:1::` is 127.0.0.1.
 */
export function carriedIpv4(address: string): CarriedIpv4[] {
  const found = RANGES.filter(
    r => r.range.check(address, 'ipv6') && !r.except?.includes(address),
  );
  if (found.length === 0) return [];
  const bytes = ipaddr.IPv6.parse(address).toByteArray();
  return found.flatMap(({ positions, via, inverted }) =>
    positions.map(position => ({
      address: position
        .map(i => (inverted ? 255 - bytes[i] : bytes[i]))
        .join('.'),
      via,
    })),
  );
}
