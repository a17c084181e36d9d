import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { OwnerResolver } from '@metal3-fleet/plugin-metal3-common';
import {
  ChecksService,
  EntityFactsSource,
  ImageProbeService,
  Metal3BmcService,
  Metal3ClusterService,
  readChecksSettings,
  readImageProbeSettings,
  ssrfGuardFromConfig,
} from '@metal3-fleet/plugin-metal3-node';

/**
 * The checks service as the configuration sets it up (`metal3.checks`,
 * `metal3.images`). A wrong `metal3.checks` entry stops the plugin at start
 * with the key named, as every other metal3 key does; the image probe and
 * the BMC guard of the Redfish probe turn themselves off with the reason
 * instead (the checks then say why they cannot run).
 */
export function createChecksService(options: {
  config: RootConfigService;
  logger: LoggerService;
  clusters: Metal3ClusterService;
  bmc?: Metal3BmcService;
  entities?: EntityFactsSource;
  ownerOf: OwnerResolver;
}): ChecksService {
  const { config, logger } = options;
  const images = readImageProbeSettings(config);
  if ('off' in images.guard) logger.warn(images.guard.off);
  let bmcGuard: ReturnType<typeof ssrfGuardFromConfig> | undefined;
  try {
    bmcGuard = ssrfGuardFromConfig(config);
  } catch {
    // The BMC service reports this configuration error itself.
  }
  return new ChecksService({
    clusters: options.clusters,
    settings: readChecksSettings(config),
    images: new ImageProbeService(images),
    bmc: options.bmc,
    bmcGuard,
    entities: options.entities,
    ownerOf: options.ownerOf,
    logger,
  });
}
