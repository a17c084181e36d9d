/*
 * The portal backend: catalog, scaffolder, auth, permissions and the Metal3
 * plugin set. One line per feature; see docs/architecture.md.
 */

import { createBackend } from '@backstage/backend-defaults';
import { labBackendPlugin } from '@metal3-fleet/metal3-lab';
import { permissionModulePortalPolicy } from './modules/permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@metal3-fleet/plugin-scaffolder-backend-module-metal3'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// See https://backstage.io/docs/auth/guest/provider

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@metal3-fleet/plugin-catalog-backend-module-metal3'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// Admin groups may do everything, everybody else reads: see docs/configuration.md
backend.add(permissionModulePortalPolicy);

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine: the built-in Lunr engine (no PostgreSQL needed locally)

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// kubernetes plugin
backend.add(import('@backstage/plugin-kubernetes-backend'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Metal3: live fleet API, permissions and audit
backend.add(import('@metal3-fleet/plugin-metal3-backend'));
// The embedded lab (a simulated cluster and BMCs), when metal3.lab.enabled
backend.add(labBackendPlugin);

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
