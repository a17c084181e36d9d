import { isNumericHostSpelling } from '@metal3-fleet/plugin-metal3-common';
import ipaddr from 'ipaddr.js';

/** What a host string is, read the way the socket layer would use it. */
export type HostLiteral =
  | { kind: 'address'; address: string; family: 4 | 6 }
  | { kind: 'name'; name: string }
  | { kind: 'invalid'; reason: string };

/**
 * Reads a host (bracketed or not) as an IP address in canonical text, a name
 * to resolve, or a spelling the guard refuses:
 *
 * - IPv4-mapped IPv6 (`::ffff:7f00:1`, `::ffff:127.0.0.1`) is the IPv4
 *   address it maps: the kernel sends IPv4 packets to it, so it is judged,
 *   allow-listed and connected to as that IPv4 address.
 * - Other IPv6 comes back in RFC 5952 form (`::FFFF:0:7F00:1` →
 *   `::ffff:0:7f00:1`); the guard reads embedded IPv4 addresses from it.
 * - Numeric IPv4 spellings other than four decimal numbers (`2130706433`,
 *   `0x7f.1`, `017700000001`, `127.1`) are refused, not normalised: Go's
 *   `net.ParseIP` (BMO) rejects them while getaddrinfo (Ironic, ipmitool)
 *   turns them into an address, so they mean different hosts to different
 *   tools.
 * - Zone indexes (`fe80::1%eth0`) are refused: they pick an interface.
 *
 * The parsing is the WHATWG URL parser's (the one the Redfish transport
 * uses) and ipaddr.js's; nothing here takes an address apart by hand.
 */
export function readHost(host: string): HostLiteral {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare.includes(':')) {
    if (bare.includes('%')) {
      return { kind: 'invalid', reason: 'an IPv6 zone index is not accepted' };
    }
    const canonical = canonicalIpv6(bare);
    if (!canonical || !ipaddr.IPv6.isValid(canonical)) {
      return { kind: 'invalid', reason: 'not an IPv6 address' };
    }
    const v6 = ipaddr.IPv6.parse(canonical);
    if (v6.isIPv4MappedAddress()) {
      return {
        kind: 'address',
        address: v6.toIPv4Address().toString(),
        family: 4,
      };
    }
    return { kind: 'address', address: v6.toRFC5952String(), family: 6 };
  }
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) {
    return {
      kind: 'address',
      address: ipaddr.IPv4.parse(bare).toString(),
      family: 4,
    };
  }
  if (isNumericHostSpelling(bare)) {
    return {
      kind: 'invalid',
      reason: ipaddr.IPv4.isValid(bare)
        ? `a non-standard spelling of the IPv4 address ${ipaddr.IPv4.parse(
            bare,
          ).toString()}; write IPv4 addresses as four decimal numbers`
        : 'a host name cannot end in a number',
    };
  }
  return { kind: 'name', name: bare.toLowerCase() };
}

/**
 * IPv6 text as the URL parser writes it (hex groups, RFC 5952). It is read
 * first because ipaddr.js takes the deprecated `::127.0.0.1` for the mapped
 * `::ffff:127.0.0.1`, where RFC 4291 (and the socket layer) read the
 * IPv4-compatible `::7f00:1`.
 */
function canonicalIpv6(text: string): string | undefined {
  try {
    return new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
}
