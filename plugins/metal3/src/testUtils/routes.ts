import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fleetRouteRef, scaffolderTemplateRouteRef } from '../routes';

/**
 * `mountedRoutes` for renderInTestApp: the plugin's page at `fleetPath`, the
 * scaffolder's template page and the catalog's entity page where a default
 * app has them, so links resolve as in an app.
 */
export const testRoutes = (fleetPath = '/metal3') => ({
  [fleetPath]: fleetRouteRef,
  '/create/templates/:namespace/:templateName': scaffolderTemplateRouteRef,
  '/catalog/:namespace/:kind/:name': entityRouteRef,
});
