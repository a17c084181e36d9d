import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
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
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(createRenderManifestsAction());
      },
    });
  },
});
