import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  METAL3_PLUGIN_ID,
  metal3Permissions,
} from '@internal/plugin-metal3-common';
import { readClusterConfigs } from '@internal/plugin-metal3-node';
import { createRouter } from './service/router';

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
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        config,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
      }) {
        permissionsRegistry.addPermissions(metal3Permissions);
        const clusters = readClusterConfigs(config);
        httpRouter.use(await createRouter({ httpAuth, permissions, clusters }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
