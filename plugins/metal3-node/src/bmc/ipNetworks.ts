import { isIP } from 'node:net';

/** An IPv4 or IPv6 network in CIDR form, parsed once. */
export interface IpNetwork {
  cidr: string;
  family: 4 | 6;
  /** Network address as a big integer, and prefix length. */
  base: bigint;
  prefix: number;
}

/** Parses `10.0.0.0/8`, `fd00::/8` or a bare address (a /32 or /128); throws naming the value. */
export function parseNetwork(cidr: string): IpNetwork {
  const [address, prefixText] = cidr.trim().split('/');
  const family = isIP(address);
  if (family === 0) throw new Error(`"${cidr}" is not an IP network (CIDR)`);
  const bits = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
    throw new Error(`"${cidr}": the prefix length must be 0 to ${bits}`);
  }
  return {
    cidr,
    family: family as 4 | 6,
    base: mask(toBigInt(address), prefix, bits),
    prefix,
  };
}

export function contains(network: IpNetwork, address: string): boolean {
  const family = isIP(address);
  const mapped = family === 6 ? ipv4Mapped(address) : undefined;
  if (mapped && network.family === 4) return contains(network, mapped);
  if (family !== network.family) return false;
  const bits = family === 4 ? 32 : 128;
  return mask(toBigInt(address), network.prefix, bits) === network.base;
}

/** `::ffff:10.0.0.1` is 10.0.0.1 to the kernel: judge it as IPv4. */
function ipv4Mapped(address: string): string | undefined {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match?.[1];
}

function mask(value: bigint, prefix: number, bits: number): bigint {
  if (prefix === 0) return 0n;
  const ones = (1n << BigInt(bits)) - 1n;
  const hostBits = BigInt(bits - prefix);
  return value & ((ones >> hostBits) << hostBits);
}

function toBigInt(address: string): bigint {
  if (isIP(address) === 4) {
    return address
      .split('.')
      .reduce((n, octet) => (n << 8n) + BigInt(Number(octet)), 0n);
  }
  const mapped = ipv4Mapped(address);
  if (mapped) return (0xffffn << 32n) + toBigInt(mapped);
  const [head, tail] = address.split('::');
  const groups = (text: string | undefined) =>
    text ? text.split(':').filter(Boolean) : [];
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const zeros = new Array(8 - left.length - right.length).fill('0');
  return [...left, ...(tail === undefined ? [] : zeros), ...right].reduce(
    (n, group) => (n << 16n) + BigInt(parseInt(group, 16)),
    0n,
  );
}
