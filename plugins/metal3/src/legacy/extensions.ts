import {
  createComponentExtension,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { fleetRouteRef } from '../routes';
import { metal3Plugin } from './plugin';

// The legacy frontend system's extensions: what the new system's page,
// entity-card and entity-content extensions (src/alpha/extensions.tsx) offer,
// for an app to place in App.tsx and EntityPage.tsx itself.

/**
 * The fleet page with the host, pool and cluster pages below it; mount it at
 * any path: `<Route path="/metal3" element={<Metal3Page />} />`.
 *
 * @public
 */
export const Metal3Page = metal3Plugin.provide(
  createRoutableExtension({
    name: 'Metal3Page',
    component: () =>
      import('../components/Metal3Router').then(m => m.Metal3Router),
    mountPoint: fleetRouteRef,
  }),
);

/**
 * Live status of a `baremetal-host` entity (power, provisioning state,
 * errors), for its overview page.
 *
 * @public
 */
export const EntityMetal3HostStatusCard = metal3Plugin.provide(
  createComponentExtension({
    name: 'EntityMetal3HostStatusCard',
    component: {
      lazy: () =>
        import('../components/EntityCards').then(m => m.HostLiveStatusCard),
    },
  }),
);

/**
 * Live status of a `worker-pool` entity (replicas, health, free hosts), for
 * its overview page.
 *
 * @public
 */
export const EntityMetal3PoolStatusCard = metal3Plugin.provide(
  createComponentExtension({
    name: 'EntityMetal3PoolStatusCard',
    component: {
      lazy: () =>
        import('../components/EntityCards').then(m => m.PoolLiveStatusCard),
    },
  }),
);

/**
 * Live BMC data (sensors, event log, firmware) of a `baremetal-host` entity,
 * as a tab of its page.
 *
 * @public
 */
export const EntityMetal3HostBmcContent = metal3Plugin.provide(
  createComponentExtension({
    name: 'EntityMetal3HostBmcContent',
    component: {
      lazy: () =>
        import('../components/EntityCards').then(m => m.HostBmcContent),
    },
  }),
);

/**
 * Connection health, hosts by status and pools of a `kubernetes-cluster`
 * entity, as a tab of its page.
 *
 * @public
 */
export const EntityMetal3ClusterContent = metal3Plugin.provide(
  createComponentExtension({
    name: 'EntityMetal3ClusterContent',
    component: {
      lazy: () =>
        import('../components/ClusterPage').then(m => m.ClusterEntityContent),
    },
  }),
);
