import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  createOwnerResolver,
  DEFAULT_OWNER_KEY,
  METAL3_PLUGIN_ID,
  metal3Permissions,
} from '@internal/plugin-metal3-common';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { metal3ClusterServiceRef } from '@internal/plugin-metal3-node';
import { registerFleetActions } from './actions/registerFleetActions';
import { HostIndex } from './fleet/HostIndex';
import { createRouter } from './service/router';

/** Owner of objects that name none; the same default as the catalog module. */
const DEFAULT_OWNER = 'group:default/metal3-admins';

/**
 * The Metal3 backend plugin: live fleet REST API under `/api/metal3`.
 *
 * @public
 */
export const metal3Plugin = createBackendPlugin({
  pluginId: METAL3_PLUGIN_ID,
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auditor: coreServices.auditor,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        clusters: metal3ClusterServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, httpRouter, permissionsRegistry, clusters, lifecycle } =
          deps;
        permissionsRegistry.addPermissions(metal3Permissions);
        // Ownership follows the catalog module's configuration, so the API
        // and the catalog always agree on who owns a host.
        const ownerKey =
          config.getOptionalString('catalog.providers.metal3.ownerKey') ??
          DEFAULT_OWNER_KEY;
        const defaultOwner =
          config.getOptionalString('catalog.providers.metal3.defaultOwner') ??
          DEFAULT_OWNER;
        const hostIndex = new HostIndex({ clusters, ownerKey, defaultOwner });
        lifecycle.addShutdownHook(() => hostIndex.close());
        const ownerOf = createOwnerResolver({ ownerKey, defaultOwner });
        registerFleetActions({ ...deps, hostIndex, ownerOf });
        httpRouter.use(
          await createRouter({
            ...deps,
            hostIndex,
            ownerOf,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
