import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { oidcAuthApi } from './oidcAuthApi';
import { signInPage } from './signInPage';

/** Sign-in: OpenID Connect (production) or the guest (app-config.lab.yaml). */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [oidcAuthApi, signInPage],
});
export { oidcAuthApiRef } from './oidcAuthApi';
