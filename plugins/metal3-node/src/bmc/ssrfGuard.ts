import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { contains, IpNetwork, parseNetwork } from './ipNetworks';

/**
 * Addresses a BMC request must never reach unless an operator allows them:
 * they are where server-side request forgery does harm (cloud metadata,
 * the backend's own loopback services) or where no BMC lives.
 */
const REFUSED: { reason: string; networks: string[] }[] = [
  {
    reason: 'cloud metadata',
    networks: ['169.254.169.254/32', 'fd00:ec2::254/128'],
  },
  { reason: 'link-local', networks: ['169.254.0.0/16', 'fe80::/10'] },
  { reason: 'loopback', networks: ['127.0.0.0/8', '::1/128'] },
  { reason: 'multicast', networks: ['224.0.0.0/4', 'ff00::/8'] },
  { reason: 'unspecified', networks: ['0.0.0.0/8', '::/128'] },
  { reason: 'broadcast', networks: ['255.255.255.255/32'] },
];

export interface SsrfGuardOptions {
  /**
   * Networks BMCs live in (`metal3.bmc.allowedNetworks`). When set, every
   * other address is refused; when empty, any address not refused above.
   */
  allowedNetworks?: string[];
  /** Refused categories the operator explicitly allows, e.g. `loopback` for the lab. */
  allow?: ('loopback' | 'link-local')[];
  /** DNS resolution, replaceable in tests. */
  lookup?: (host: string) => Promise<{ address: string; family: number }[]>;
}

export type GuardVerdict =
  | { ok: true; address: string; family: 4 | 6 }
  | { ok: false; message: string };

/**
 * Decides whether an outbound BMC request may go to `host`, resolving it
 * once: the caller connects to the returned address (so a DNS answer cannot
 * change between the check and the connection) and calls the guard again
 * for every redirect target. Messages name the host and the reason, never
 * credentials.
 */
export function createSsrfGuard(options: SsrfGuardOptions = {}) {
  const allowed = (options.allowedNetworks ?? []).map(parseNetwork);
  const refused = REFUSED.filter(
    r => !(options.allow ?? []).includes(r.reason as never),
  ).map(r => ({ reason: r.reason, networks: r.networks.map(parseNetwork) }));
  // The metadata endpoints stay refused even when link-local is allowed.
  const metadata = REFUSED[0].networks.map(parseNetwork);
  const lookup =
    options.lookup ??
    ((host: string) => dnsLookup(host, { all: true, verbatim: true }));

  const judge = (address: string): string | undefined => {
    if (metadata.some(n => contains(n, address))) return 'cloud metadata';
    for (const { reason, networks } of refused) {
      if (networks.some((n: IpNetwork) => contains(n, address))) return reason;
    }
    if (allowed.length > 0 && !allowed.some(n => contains(n, address))) {
      return 'outside metal3.bmc.allowedNetworks';
    }
    return undefined;
  };

  return async function check(host: string): Promise<GuardVerdict> {
    const bare = host.replace(/^\[|\]$/g, '');
    let addresses: { address: string; family: number }[];
    if (isIP(bare)) {
      addresses = [{ address: bare, family: isIP(bare) }];
    } else {
      try {
        addresses = await lookup(bare);
      } catch (error) {
        return {
          ok: false,
          message: `BMC host ${bare} does not resolve (${
            (error as NodeJS.ErrnoException).code ?? 'DNS error'
          })`,
        };
      }
    }
    if (addresses.length === 0) {
      return { ok: false, message: `BMC host ${bare} does not resolve` };
    }
    // Every answer must pass: a name with one bad address is refused as a whole.
    for (const { address } of addresses) {
      const reason = judge(address);
      if (reason) {
        return {
          ok: false,
          message: `BMC host ${bare} resolves to ${address}, which is refused (${reason})`,
        };
      }
    }
    const [first] = addresses;
    return { ok: true, address: first.address, family: first.family as 4 | 6 };
  };
}

/**
 * The guard as `metal3.bmc` configures it: `allowedNetworks` (CIDRs) and
 * `allow` (refused categories to permit: `loopback`, `link-local`). Errors
 * name the config key.
 */
export function ssrfGuardFromConfig(
  config: {
    getOptionalStringArray(key: string): string[] | undefined;
  },
  lookup?: SsrfGuardOptions['lookup'],
) {
  const allowedNetworks =
    config.getOptionalStringArray('metal3.bmc.allowedNetworks') ?? [];
  allowedNetworks.forEach((cidr, i) => {
    try {
      parseNetwork(cidr);
    } catch (error) {
      throw new Error(
        `metal3.bmc.allowedNetworks[${i}]: ${(error as Error).message}`,
      );
    }
  });
  const allow = config.getOptionalStringArray('metal3.bmc.allow') ?? [];
  allow.forEach((category, i) => {
    if (category !== 'loopback' && category !== 'link-local') {
      throw new Error(
        `metal3.bmc.allow[${i}]: "${category}" is not one of loopback, link-local (cloud metadata is never allowed)`,
      );
    }
  });
  return createSsrfGuard({
    allowedNetworks,
    allow: allow as ('loopback' | 'link-local')[],
    lookup,
  });
}
