import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import StorageIcon from '@material-ui/icons/Storage';
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
import {
  clusterContent,
  fleetPage,
  hostBmcContent,
  hostStatusCard,
  metal3Api,
  poolStatusCard,
} from './extensions';
import { formFields } from './formFields';
import { metal3SearchResultListItem } from './searchResultItem';

/**
 * The Metal3 frontend plugin for the new frontend system: the default export
 * of `@metal3-fleet/plugin-metal3/alpha`, found by `app.packages: all`.
 *
 * @alpha
 */
export const metal3Plugin = createFrontendPlugin({
  pluginId: 'metal3',
  title: 'Bare metal',
  icon: <StorageIcon />,
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
  extensions: [
    metal3Api,
    fleetPage,
    hostStatusCard,
    poolStatusCard,
    hostBmcContent,
    clusterContent,
    metal3SearchResultListItem,
    ...formFields,
  ],
});
