import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readClusterConfigs } from '@internal/plugin-metal3-node';
import { Metal3ClusterEntityProvider } from './providers/Metal3ClusterEntityProvider';

/** Default owner when neither the object nor the config names one. */
export const DEFAULT_OWNER = 'group:default/metal3-admins';

/**
 * Catalog module: clusters, bare-metal hosts and worker pools as entities.
 *
 * @public
 */
export const catalogModuleMetal3 = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'metal3',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        catalog: catalogProcessingExtensionPoint,
      },
      async init({ config, logger, catalog }) {
        const owner =
          config.getOptionalString('catalog.providers.metal3.defaultOwner') ??
          DEFAULT_OWNER;
        for (const cluster of readClusterConfigs(config)) {
          catalog.addEntityProvider(
            new Metal3ClusterEntityProvider({ cluster, owner, logger }),
          );
        }
      },
    });
  },
});
