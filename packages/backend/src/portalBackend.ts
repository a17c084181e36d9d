/*
 * The portal backend's features: catalog, scaffolder, auth (OpenID Connect),
 * permissions and the Metal3 plugin set. One line per feature; see
 * docs/architecture.md.
 *
 * This is what production runs (src/index.ts). It adds no guest sign-in and
 * no lab: those come only from the development entry point (dev/index.ts),
 * whose packages are devDependencies, so a production install does not even
 * contain them.
 */

import { createBackend } from '@backstage/backend-defaults';
import { authModulePortalOidcProvider } from './modules/auth';
import { permissionModulePortalPolicy } from './modules/permissionPolicy';
import { searchModuleMetal3Status } from '@metal3-fleet/plugin-catalog-backend-module-metal3';
import { metricsExporterModule } from './metrics/metricsExporterModule';

/** A backend with every production feature added, not started yet. */
export function createPortalBackend() {
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

  // auth plugin: OpenID Connect, users resolved to catalog users
  // (auth.providers.oidc, docs/configuration.md)
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(authModulePortalOidcProvider);

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

  // search plugin, with the built-in Lunr engine
  backend.add(import('@backstage/plugin-search-backend'));
  backend.add(import('@backstage/plugin-search-backend-module-catalog'));
  // hosts' and pools' search documents carry their cluster and status
  backend.add(searchModuleMetal3Status);

  // kubernetes plugin
  backend.add(import('@backstage/plugin-kubernetes-backend'));

  // user settings plugin
  backend.add(import('@backstage/plugin-user-settings-backend'));

  // notifications and signals plugins
  backend.add(import('@backstage/plugin-notifications-backend'));
  backend.add(import('@backstage/plugin-signals-backend'));

  // Metal3: live fleet API, permissions and audit
  backend.add(import('@metal3-fleet/plugin-metal3-backend'));
  // OpenTelemetry metrics for Prometheus on metal3.metrics.port
  // (src/instrumentation.ts sets the meter provider up)
  backend.add(metricsExporterModule);

  // mcp actions plugin
  backend.add(import('@backstage/plugin-mcp-actions-backend'));

  return backend;
}
