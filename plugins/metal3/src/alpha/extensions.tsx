import {
  ApiBlueprint,
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
import { Metal3Client, metal3ApiRef } from '../api';
import { DEFAULT_FLEET_PATH, fleetRouteRef } from '../routes';

// The new frontend system's extensions. An app changes where the page is
// mounted with `app.extensions: [{ page:metal3: { config: { path: /fleet } } }]`;
// every link follows, because links are resolved from the route refs.

export const metal3Api = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: metal3ApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new Metal3Client(deps),
    }),
});

/** The fleet page with the host, pool and cluster pages below it. */
export const fleetPage = PageBlueprint.make({
  params: {
    path: DEFAULT_FLEET_PATH,
    title: 'Bare metal',
    icon: <StorageIcon />,
    routeRef: fleetRouteRef,
    loader: () =>
      import('../components/Metal3Router').then(m => <m.Metal3Router />),
  },
});

/** Live status on the catalog page of every bare-metal host entity. */
export const hostStatusCard = EntityCardBlueprint.make({
  name: 'host-status',
  params: {
    filter: { kind: 'resource', 'spec.type': METAL3_ENTITY_TYPES.host },
    loader: () =>
      import('../components/EntityCards').then(m => <m.HostLiveStatusCard />),
  },
});

/** Live status on the catalog page of every worker-pool entity. */
export const poolStatusCard = EntityCardBlueprint.make({
  name: 'pool-status',
  params: {
    filter: { kind: 'resource', 'spec.type': METAL3_ENTITY_TYPES.pool },
    loader: () =>
      import('../components/EntityCards').then(m => <m.PoolLiveStatusCard />),
  },
});

/** Live BMC data (sensors, event log, firmware) as a tab of a host entity. */
export const hostBmcContent = EntityContentBlueprint.make({
  name: 'host-bmc',
  params: {
    path: 'bmc',
    title: 'BMC',
    group: 'observability',
    filter: { kind: 'resource', 'spec.type': METAL3_ENTITY_TYPES.host },
    loader: () =>
      import('../components/EntityCards').then(m => <m.HostBmcContent />),
  },
});

/** Connection health, hosts by status and pools, as a tab of a cluster entity. */
export const clusterContent = EntityContentBlueprint.make({
  name: 'cluster-bare-metal',
  params: {
    path: 'bare-metal',
    title: 'Bare metal',
    group: 'operation',
    filter: { kind: 'resource', 'spec.type': METAL3_ENTITY_TYPES.cluster },
    loader: () =>
      import('../components/ClusterPage').then(m => <m.ClusterEntityContent />),
  },
});
