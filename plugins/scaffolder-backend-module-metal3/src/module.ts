import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  metal3BmcServiceRef,
  metal3ClusterServiceRef,
  readFleetPath,
} from '@metal3-fleet/plugin-metal3-node';
import { HttpApprovalsClient } from './approvals/ApprovalsClient';
import { createCreatePoolAction } from './actions/createPool';
import { createEnrollBatchAction } from './actions/enrollBatch';
import { createEnrollHostAction } from './actions/enrollHost';
import { createRemoveHostAction } from './actions/removeHost';
import { createRenderManifestsAction } from './actions/renderManifests';
import { createRotateCredentialsAction } from './actions/rotateCredentials';
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
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
      },
      async init({
        scaffolder,
        clusters,
        bmc,
        permissions,
        auditor,
        discovery,
        auth,
        config,
      }) {
        const options = {
          clusters,
          permissions,
          auditor,
          fleetPath: readFleetPath(config),
        };
        // Remove, scale down and upgrade ask the metal3 backend whether they
        // must wait for a second person (metal3.approvals.required).
        const approvals = {
          client: new HttpApprovalsClient({ discovery, auth }),
        };
        scaffolder.addActions(
          createRenderManifestsAction(),
          createEnrollHostAction({ ...options, bmc }),
          createEnrollBatchAction(options),
          createScalePoolAction({ ...options, approvals }),
          createCreatePoolAction(options),
          createUpgradePoolAction({ ...options, approvals }),
          createRemoveHostAction({ ...options, approvals }),
          createUpdateProviderNetworkAction(options),
          createRotateCredentialsAction(options),
        );
      },
    });
  },
});
