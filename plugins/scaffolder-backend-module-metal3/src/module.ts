import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  metal3BmcServiceRef,
  metal3ClusterServiceRef,
} from '@metal3-fleet/plugin-metal3-node';
import { createCreatePoolAction } from './actions/createPool';
import { createEnrollBatchAction } from './actions/enrollBatch';
import { createEnrollHostAction } from './actions/enrollHost';
import { createRemoveHostAction } from './actions/removeHost';
import { createRenderManifestsAction } from './actions/renderManifests';
import { createScalePoolAction } from './actions/scalePool';
import { createUpdateProviderNetworkAction } from './actions/updateProviderNetwork';
import { createUpgradePoolAction } from './actions/upgradePool';

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
        bmc: metal3BmcServiceRef,
        permissions: coreServices.permissions,
        auditor: coreServices.auditor,
      },
      async init({ scaffolder, clusters, bmc, permissions, auditor }) {
        const options = { clusters, permissions, auditor };
        scaffolder.addActions(
          createRenderManifestsAction(),
          createEnrollHostAction({ ...options, bmc }),
          createEnrollBatchAction(options),
          createScalePoolAction(options),
          createCreatePoolAction(options),
          createUpgradePoolAction(options),
          createRemoveHostAction(options),
          createUpdateProviderNetworkAction(options),
        );
      },
    });
  },
});
