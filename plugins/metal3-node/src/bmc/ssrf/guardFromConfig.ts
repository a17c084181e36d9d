import {
  ALLOWABLE_CATEGORIES,
  AllowableCategory,
  parseNetwork,
} from './refusedNetworks';
import { createSsrfGuard, SsrfGuardOptions } from './ssrfGuard';

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
    if (!(ALLOWABLE_CATEGORIES as readonly string[]).includes(category)) {
      throw new Error(
        `metal3.bmc.allow[${i}]: "${category}" is not one of ${ALLOWABLE_CATEGORIES.join(
          ', ',
        )} (cloud metadata is never allowed)`,
      );
    }
  });
  return createSsrfGuard({
    allowedNetworks,
    allow: allow as AllowableCategory[],
    lookup,
  });
}
