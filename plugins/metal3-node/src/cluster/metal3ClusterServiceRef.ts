import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  DefaultMetal3ClusterService,
  Metal3ClusterService,
} from './Metal3ClusterService';

/**
 * Root-scoped, so the whole backend process shares one cache per cluster
 * whichever plugin or module asks for it first.
 *
 * @public
 */
export const metal3ClusterServiceRef = createServiceRef<Metal3ClusterService>({
  id: 'metal3.cluster',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.rootLogger,
        lifecycle: coreServices.rootLifecycle,
      },
      factory({ config, logger, lifecycle }) {
        const clusters = DefaultMetal3ClusterService.fromConfig(config, {
          logger: logger.child({ service: 'metal3-cluster' }),
        });
        lifecycle.addShutdownHook(() => clusters.stop());
        return clusters;
      },
    }),
});
