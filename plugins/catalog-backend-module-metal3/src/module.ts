import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { DEFAULT_OWNER_KEY } from '@metal3-fleet/plugin-metal3-common';
import { metal3ClusterServiceRef } from '@metal3-fleet/plugin-metal3-node';
import { Metal3EntityProvider } from './providers/Metal3EntityProvider';

/** Default owner when neither the object nor the config names one. */
export const DEFAULT_OWNER = 'group:default/metal3-admins';

/**
 * Catalog module: clusters, bare-metal hosts and worker pools as entities,
 * one provider per configured cluster.
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
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogProcessingExtensionPoint,
        clusters: metal3ClusterServiceRef,
      },
      async init({ config, logger, scheduler, lifecycle, catalog, clusters }) {
        const providerConfig = config.getOptionalConfig(
          'catalog.providers.metal3',
        );
        const schedule = providerConfig?.has('schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              providerConfig.getConfig('schedule'),
            )
          : { frequency: { minutes: 30 }, timeout: { minutes: 5 } };
        const defaultOwner =
          providerConfig?.getOptionalString('defaultOwner') ?? DEFAULT_OWNER;
        const ownerKey =
          providerConfig?.getOptionalString('ownerKey') ?? DEFAULT_OWNER_KEY;
        const providers = clusters.listClusters().map(
          cluster =>
            new Metal3EntityProvider({
              cluster: cluster.name,
              clusters,
              logger,
              // scope local: every backend instance keeps its own cache and deltas.
              taskRunner: scheduler.createScheduledTaskRunner({
                ...schedule,
                scope: 'local',
              }),
              defaultOwner,
              ownerKey,
              appBaseUrl: config.getString('app.baseUrl'),
            }),
        );
        catalog.addEntityProvider(...providers);
        lifecycle.addShutdownHook(() => providers.forEach(p => p.close()));
      },
    });
  },
});
