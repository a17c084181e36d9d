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

/**
 * Without the lab the portal talks to real BMCs: an empty allow-list would
 * let any user-supplied address through (the production default used to be
 * exactly that), and loopback is where the backend's own services listen.
 * Refused at start-up, naming the key, rather than discovered by an attacker.
 */
function requireProductionNetworks(allowedNetworks: string[], allow: string[]) {
  if (allowedNetworks.length === 0) {
    throw new Error(
      'metal3.bmc.allowedNetworks is required when the lab is off (metal3.lab.enabled is not true): list the networks your BMCs live in, as CIDRs',
    );
  }
  const loopbackAllowed = allow.indexOf('loopback');
  if (loopbackAllowed >= 0) {
    throw new Error(
      `metal3.bmc.allow[${loopbackAllowed}]: loopback is only allowed with the lab (metal3.lab.enabled); real BMCs never live on loopback, the backend's own services do`,
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
        `metal3.bmc.allowedNetworks[${i}]: "${cidr}" covers loopback addresses, where the backend's own services listen; list your BMC networks only`,
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
 * The guard as `metal3.bmc` configures it: `allowedNetworks` (CIDRs) and
 * `allow` (refused categories to permit: `loopback`, `link-local`). Errors
 * name the config key.
 */
export function ssrfGuardFromConfig(
  config: {
    getOptionalStringArray(key: string): string[] | undefined;
    getOptionalBoolean(key: string): boolean | undefined;
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
    if (!(ALLOWABLE_CATEGORIES as readonly string[]).includes(category)) {
      throw new Error(
        `metal3.bmc.allow[${i}]: "${category}" is not one of ${ALLOWABLE_CATEGORIES.join(
          ', ',
        )} (cloud metadata is never allowed)`,
      );
    }
  });
  if (!labInUse(config)) requireProductionNetworks(allowedNetworks, allow);
  return createSsrfGuard({
    allowedNetworks,
    allow: allow as AllowableCategory[],
    lookup,
  });
}
