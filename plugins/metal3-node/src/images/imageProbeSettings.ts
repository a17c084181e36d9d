import type { Config } from '@backstage/config';
import { GuardVerdict, ssrfGuardFromConfig } from '../bmc/ssrf';

/** `metal3.images`: how image and checksum URLs are probed. *
/** `metal3.images`: how image and checksum URLs are probed. * @public
/** `metal3.images`: how image and checksum URLs are probed. */
export interface ImageProbeSettings {
  /** The guard, or why probes are off (the reason names the config key). */
  guard: ((host: string) => Promise<GuardVerdict>) | { off: string };
  timeoutMs: number;
  cacheSeconds: number;
  maxInFlight: number;
}

const IMAGES = {
  key: 'metal3.images',
  subject: 'Image host',
  targets: 'image servers',
};

/**
 * Reads `metal3.images`. Image URLs are probed through a guard of their
 * own (image servers live in other networks than BMCs): without the lab,
 * `metal3.images.allowedNetworks` must be set, else probes are off and every
 * reachability check says so, naming the key. A wrong entry turns the probes
 * off with its error rather than stopping the backend: the portal serves,
 * and says what is wrong.
 *
 * @public
 */
export function readImageProbeSettings(config: Config): ImageProbeSettings {
  const images = config.getOptionalConfig('metal3.images');
  const number = (key: string, fallback: number) => {
    const value = images?.getOptionalNumber(key);
    if (value === undefined) return fallback;
    if (!(value > 0)) {
      throw new Error(`metal3.images.${key}: must be a number > 0`);
    }
    return value;
  };
  let guard: ImageProbeSettings['guard'];
  try {
    guard = ssrfGuardFromConfig(config, undefined, IMAGES);
  } catch (error) {
    guard = { off: `image URLs are not probed: ${(error as Error).message}` };
  }
  return {
    guard,
    timeoutMs: number('probe.timeoutSeconds', 10) * 1000,
    cacheSeconds: number('probe.cacheSeconds', 300),
    maxInFlight: number('probe.maxInFlight', 8),
  };
}
