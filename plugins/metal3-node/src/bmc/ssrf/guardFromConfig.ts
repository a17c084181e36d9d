import { BlockList } from 'node:net';
import {
  ALLOWABLE_CATEGORIES,
  AllowableCategory,
  blockListOf,
  parseNetwork,
  REFUSED_NETWORKS,
} from './refusedNetworks';
import { createSsrfGuard, SsrfGuardOptions } from './ssrfGuard';

/**
 * The lab's emulated BMCs listen on loopback: only a portal that runs the lab
 * (`metal3.lab.enabled`) or is pointed at one in another process
 * (`metal3.lab.external`, the production end-to-end test) may reach them.
 */
function labInUse(config: {
  getOptionalBoolean(key: string): boolean | undefined;
}): boolean {
  return Boolean(
    config.getOptionalBoolean('metal3.lab.enabled') ||
      config.getOptionalBoolean('metal3.lab.external'),
  );
}

const LOOPBACK = blockListOf(REFUSED_NETWORKS.loopback);

/** Which outbound requests a guard is for: its config keys and words. @public */
export interface GuardPurpose {
  /** Config prefix: `metal3.bmc` or `metal3.images`. */
  key: string;
  /** What the messages call a target host: `BMC host`, `Image host`. */
  subject: string;
  /** What lives in the allowed networks, for messages: `BMCs`, `image servers`. */
  targets: string;
}

const BMC_PURPOSE: GuardPurpose = {
  key: 'metal3.bmc',
  subject: 'BMC host',
  targets: 'BMCs',
};

/**
 * Without the lab the portal talks to real servers: an empty allow-list would
 * let any user-supplied address through (the production default used to be
 * exactly that), and loopback is where the backend's own services listen.
 * Refused at start-up, naming the key, rather than discovered by an attacker.
 */
function requireProductionNetworks(
  allowedNetworks: string[],
  allow: string[],
  purpose: GuardPurpose,
) {
  if (allowedNetworks.length === 0) {
    throw new Error(
      `${purpose.key}.allowedNetworks is required when the lab is off (metal3.lab.enabled is not true): list the networks your ${purpose.targets} live in, as CIDRs`,
    );
  }
  const loopbackAllowed = allow.indexOf('loopback');
  if (loopbackAllowed >= 0) {
    throw new Error(
      `${purpose.key}.allow[${loopbackAllowed}]: loopback is only allowed with the lab (metal3.lab.enabled); real ${purpose.targets} never live on loopback, the backend's own services do`,
    );
  }
  allowedNetworks.forEach((cidr, i) => {
    const { network, prefix, type } = parseNetwork(cidr);
    const bits = type === 'ipv4' ? 32 : 128;
    // A network overlaps loopback when its first address is in it, or it contains 127.0.0.1 / ::1.
    if (
      LOOPBACK.check(network, type) ||
      (prefix < bits &&
        networkContains(
          network,
          prefix,
          type,
          type === 'ipv4' ? '127.0.0.1' : '::1',
        ))
    ) {
      throw new Error(
        `${purpose.key}.allowedNetworks[${i}]: "${cidr}" covers loopback addresses, where the backend's own services listen; list the networks of your ${purpose.targets} only`,
      );
    }
  });
}

function networkContains(
  network: string,
  prefix: number,
  type: 'ipv4' | 'ipv6',
  address: string,
): boolean {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return list.check(address, type);
}

/**
 * The guard as `metal3.bmc` (or, with `purpose`, another prefix such as
 * `metal3.images`) configures it: `allowedNetworks` (CIDRs) and `allow`
 * (refused categories to permit: `loopback`, `link-local`). Errors name the
 * config key.
 *
 * @public
 */
export function ssrfGuardFromConfig(
  config: {
    getOptionalStringArray(key: string): string[] | undefined;
    getOptionalBoolean(key: string): boolean | undefined;
  },
  lookup?: SsrfGuardOptions['lookup'],
  purpose: GuardPurpose = BMC_PURPOSE,
) {
  const { key } = purpose;
  const allowedNetworks =
    config.getOptionalStringArray(`${key}.allowedNetworks`) ?? [];
  allowedNetworks.forEach((cidr, i) => {
    try {
      parseNetwork(cidr);
    } catch (error) {
      throw new Error(
        `${key}.allowedNetworks[${i}]: ${(error as Error).message}`,
      );
    }
  });
  const allow = config.getOptionalStringArray(`${key}.allow`) ?? [];
  allow.forEach((category, i) => {
    if (!(ALLOWABLE_CATEGORIES as readonly string[]).includes(category)) {
      throw new Error(
        `${key}.allow[${i}]: "${category}" is not one of ${ALLOWABLE_CATEGORIES.join(
          ', ',
        )} (cloud metadata is never allowed)`,
      );
    }
  });
  if (!labInUse(config))
    requireProductionNetworks(allowedNetworks, allow, purpose);
  return createSsrfGuard({
    allowedNetworks,
    allow: allow as AllowableCategory[],
    lookup,
    subject: purpose.subject,
    networksKey: `${key}.allowedNetworks`,
  });
}
