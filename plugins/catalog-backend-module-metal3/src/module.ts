import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { DEFAULT_OWNER_KEY } from '@metal3-fleet/plugin-metal3-common';
import {
  metal3ClusterServiceRef,
  readFleetPath,
} from '@metal3-fleet/plugin-metal3-node';
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
              // The scheduled full sync runs once per cluster across replicas
              // (the scheduler's lock in the catalog's database). Each replica
              // still applies one full sync when it starts (its delta baseline)
              // and the deltas of its own watch, which are idempotent: see
              // Metal3EntityProvider and docs/architecture.md, "Replicas".
              taskRunner: scheduler.createScheduledTaskRunner({
                ...schedule,
                scope: 'global',
              }),
              defaultOwner,
              ownerKey,
              fleetUrl: `${config.getString('app.baseUrl')}${readFleetPath(
                config,
              )}`,
            }),
        );
        catalog.addEntityProvider(...providers);
        lifecycle.addShutdownHook(() => providers.forEach(p => p.close()));
      },
    });
  },
});
