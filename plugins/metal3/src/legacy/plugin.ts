import {
  createApiFactory,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { Metal3Client, metal3ApiRef } from '../api';
import {
  approvalRouteRef,
  approvalsRouteRef,
  clusterRouteRef,
  imagesRouteRef,
  fleetRouteRef,
  hostRouteRef,
  poolRouteRef,
  scaffolderTemplateRouteRef,
} from '../routes';

/**
 * The Metal3 frontend plugin for apps on the legacy frontend system
 * (`@backstage/core-plugin-api`). Bind its external route in App.tsx:
 * `bind(metal3Plugin.externalRoutes, { scaffolderTemplate: scaffolderPlugin.routes.selectedTemplate })`.
 *
 * @public
 */
export const metal3Plugin = createPlugin({
  id: 'metal3',
  apis: [
    createApiFactory({
      api: metal3ApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new Metal3Client(deps),
    }),
  ],
  routes: {
    fleet: fleetRouteRef,
    host: hostRouteRef,
    pool: poolRouteRef,
    cluster: clusterRouteRef,
    approvals: approvalsRouteRef,
    approval: approvalRouteRef,
    images: imagesRouteRef,
  },
  externalRoutes: { scaffolderTemplate: scaffolderTemplateRouteRef },
});
