import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { metal3ClusterServiceRef } from '@internal/plugin-metal3-node';
import { createEnrollHostAction } from './actions/enrollHost';
import { createRenderManifestsAction } from './actions/renderManifests';

/**
 * Scaffolder module: template actions for bare-metal hosts and worker pools.
 *
 * @public
 */
export const scaffolderModuleMetal3 = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'metal3',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        clusters: metal3ClusterServiceRef,
        permissions: coreServices.permissions,
        auditor: coreServices.auditor,
      },
      async init({ scaffolder, clusters, permissions, auditor }) {
        scaffolder.addActions(
          createRenderManifestsAction(),
          createEnrollHostAction({ clusters, permissions, auditor }),
        );
      },
    });
  },
});
