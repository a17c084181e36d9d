import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { METAL3_ENTITY_TYPES } from '@metal3-fleet/plugin-metal3-common';
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
    loader: () =>
      import('./components/Metal3Router').then(m => <m.Metal3Router />),
  },
});

/** Live status on the catalog page of every bare-metal host entity. */
const hostStatusCard = EntityCardBlueprint.make({
  name: 'host-status',
  params: {
    filter: { kind: 'resource', 'spec.type': METAL3_ENTITY_TYPES.host },
    loader: () =>
      import('./components/EntityCards').then(m => <m.HostLiveStatusCard />),
  },
});

/** Live status on the catalog page of every worker-pool entity. */
const poolStatusCard = EntityCardBlueprint.make({
  name: 'pool-status',
  params: {
    filter: { kind: 'resource', 'spec.type': METAL3_ENTITY_TYPES.pool },
    loader: () =>
      import('./components/EntityCards').then(m => <m.PoolLiveStatusCard />),
  },
});

/** Live BMC data (sensors, event log, firmware) as a tab of a host entity. */
const hostBmcContent = EntityContentBlueprint.make({
  name: 'host-bmc',
  params: {
    path: 'bmc',
    title: 'BMC',
    group: 'observability',
    filter: { kind: 'resource', 'spec.type': METAL3_ENTITY_TYPES.host },
    loader: () =>
      import('./components/EntityCards').then(m => <m.HostBmcContent />),
  },
});

/** Connection health, hosts by status and pools, as a tab of a cluster entity. */
const clusterContent = EntityContentBlueprint.make({
  name: 'cluster-bare-metal',
  params: {
    path: 'bare-metal',
    title: 'Bare metal',
    group: 'operation',
    filter: { kind: 'resource', 'spec.type': METAL3_ENTITY_TYPES.cluster },
    loader: () =>
      import('./components/ClusterPage').then(m => <m.ClusterEntityContent />),
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
  extensions: [
    metal3Api,
    fleetPage,
    hostStatusCard,
    poolStatusCard,
    hostBmcContent,
    clusterContent,
  ],
});
