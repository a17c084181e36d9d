import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import StorageIcon from '@material-ui/icons/Storage';
import { Metal3Client, metal3ApiRef } from './api';

/** Route of the fleet page. @public */
export const fleetRouteRef = createRouteRef();

const metal3Api = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: metal3ApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new Metal3Client(deps),
    }),
});

const fleetPage = PageBlueprint.make({
  params: {
    path: '/metal3',
    title: 'Bare metal',
    icon: <StorageIcon />,
    routeRef: fleetRouteRef,
    loader: () => import('./components/FleetPage').then(m => <m.FleetPage />),
  },
});

/**
 * The Metal3 frontend plugin (new frontend system).
 *
 * @public
 */
export const metal3Plugin = createFrontendPlugin({
  pluginId: 'metal3',
  title: 'Bare metal',
  icon: <StorageIcon />,
  routes: { fleet: fleetRouteRef },
  extensions: [metal3Api, fleetPage],
});
