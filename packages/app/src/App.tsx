import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { metal3ScaffolderModule } from '@metal3-fleet/plugin-metal3';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';

export default createApp({
  // The metal3 plugin itself is discovered (app.packages: all); its
  // scaffolder fields are a module of the scaffolder plugin, added here.
  features: [catalogPlugin, navModule, homeModule, metal3ScaffolderModule],
});
