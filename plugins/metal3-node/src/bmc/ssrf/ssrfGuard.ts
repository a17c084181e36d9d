import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList } from 'node:net';
import { carriedIpv4 } from './carriedIpv4';
import { readHost } from './hostLiteral';
import {
  AllowableCategory,
  blockListOf,
  REFUSED_NETWORKS,
  RefusedCategory,
} from './refusedNetworks';

export interface SsrfGuardOptions {
  /**
   * Networks BMCs live in (`metal3.bmc.allowedNetworks`). When set, every
   * other address is refused; when empty, any address not refused.
   */
  allowedNetworks?: string[];
  /** Refused categories the operator explicitly allows, e.g. `loopback` for the lab. */
  allow?: AllowableCategory[];
  /** DNS resolution, replaceable in tests. */
  lookup?: (host: string) => Promise<{ address: string; family: number }[]>;
  /** What the messages call the host (default `BMC host`; the image probe's guard says `Image host`). */
  subject?: string;
  /** The config key of `allowedNetworks`, named when an address is outside it. */
  networksKey?: string;
}

export type GuardVerdict =
  | { ok: true; address: string; family: 4 | 6 }
  | { ok: false; message: string };

const CATEGORIES = Object.entries(REFUSED_NETWORKS).map(
  ([category, networks]) => ({
    category: category as RefusedCategory,
    list: blockListOf(networks),
  }),
);

const familyType = (family: 4 | 6) => (family === 4 ? 'ipv4' : 'ipv6');

/**
 * Decides whether an outbound BMC request may go to `host`, resolving it
 * once: the caller connects to the returned address (a literal IP in
 * canonical form, so DNS cannot change between the check and the
 * connection, and ipmitool gets no name to resolve) and calls the guard
 * again for every redirect target.
 *
 * An address is refused when it is in a refused category, when an IPv4
 * address it carries (IPv4-compatible, SIIT, NAT64, 6to4, Teredo) is, or
 * when it is outside the allowed networks. A carried address is judged
 * without the operator's allowances: `allow: [loopback]` is for BMCs
 * reached directly on loopback (the lab), never through a translator.
 * IPv4-mapped addresses are the IPv4 address they map (readHost), so an
 * allow-listed `127.100.0.0/16` admits `::ffff:127.100.0.5` too: it is the
 * same socket destination.
 *
 * Messages name the host, the address and the reason, never credentials.
 */
export function createSsrfGuard(options: SsrfGuardOptions = {}) {
  const allowed: BlockList | undefined = options.allowedNetworks?.length
    ? blockListOf(options.allowedNetworks)
    : undefined;
  const allowances = new Set<RefusedCategory>(options.allow ?? []);
  const lookup =
    options.lookup ??
    ((host: string) => dnsLookup(host, { all: true, verbatim: true }));
  const subject = options.subject ?? 'BMC host';
  const networksKey = options.networksKey ?? 'metal3.bmc.allowedNetworks';

  const category = (
    address: string,
    family: 4 | 6,
    allow: Set<RefusedCategory>,
  ): RefusedCategory | undefined =>
    CATEGORIES.find(
      c => !allow.has(c.category) && c.list.check(address, familyType(family)),
    )?.category;

  const judge = (address: string, family: 4 | 6): string | undefined => {
    const own = category(address, family, allowances);
    if (own) return own;
    if (family === 6) {
      for (const carried of carriedIpv4(address)) {
        const inner = category(carried.address, 4, new Set());
        if (inner)
          return `${inner}: carries ${carried.address}, ${carried.via}`;
      }
    }
    if (allowed && !allowed.check(address, familyType(family))) {
      return `outside ${networksKey}`;
    }
    return undefined;
  };

  return async function check(host: string): Promise<GuardVerdict> {
    const literal = readHost(host);
    const shown = host.replace(/^\[(.*)\]$/, '$1');
    if (literal.kind === 'invalid') {
      return {
        ok: false,
        message: `${subject} ${shown} is refused: ${literal.reason}`,
      };
    }
    let addresses: { address: string; family: 4 | 6 }[];
    if (literal.kind === 'address') {
      addresses = [literal];
    } else {
      try {
        addresses = (await lookup(literal.name)).flatMap(answer => {
          // Resolvers answer in canonical text, but an AAAA record may hold
          // a mapped address: read every answer like a literal.
          const read = readHost(answer.address);
          return read.kind === 'address' ? [read] : [];
        });
      } catch (error) {
        return {
          ok: false,
          message: `${subject} ${shown} does not resolve (${
            (error as NodeJS.ErrnoException).code ?? 'DNS error'
          })`,
        };
      }
    }
    if (addresses.length === 0) {
      return { ok: false, message: `${subject} ${shown} does not resolve` };
    }
    // Every answer must pass: a name with one bad address is refused as a whole.
    for (const { address, family } of addresses) {
      const reason = judge(address, family);
      if (reason) {
        return {
          ok: false,
          message: `${subject} ${shown} resolves to ${address}, which is refused (${reason})`,
        };
      }
    }
    const [first] = addresses;
    return { ok: true, address: first.address, family: first.family };
  };
}
