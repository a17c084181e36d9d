import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import metal3Plugin from '@metal3-fleet/plugin-metal3/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { signInModule } from './modules/signIn';

export default createApp({
  // The metal3 plugin (its page, entity cards and tabs, scaffolder fields) is
  // discovered too (app.packages: all); it is imported here only for its
  // external route.
  features: [catalogPlugin, navModule, homeModule, signInModule],
  bindRoutes({ bind }) {
    // The plugin's template buttons (scale, upgrade, remove a host) open the
    // scaffolder's template page. The plugin names that route as its default
    // target already; binding it here says so where the app is wired, and
    // keeps it bound should the default ever change.
    bind(metal3Plugin.externalRoutes, {
      scaffolderTemplate: scaffolderPlugin.routes.selectedTemplate,
    });
  },
});
