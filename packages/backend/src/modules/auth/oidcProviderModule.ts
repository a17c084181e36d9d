import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import {
  oidcAuthenticator,
  oidcSignInResolvers,
} from '@backstage/plugin-auth-backend-module-oidc-provider';
import { catalogUserResolverFactory } from './catalogUserResolver';

/**
 * The `oidc` sign-in provider: the authenticator of
 * `@backstage/plugin-auth-backend-module-oidc-provider`, with the portal's
 * `catalogUser` resolver beside the module's own (`emailMatchingUserEntityProfileEmail`,
 * `emailLocalPartMatchingUserEntityName`). Registered here instead of adding
 * that module because a provider id can be registered once, and the
 * module's resolvers cannot match by username nor say why a person was
 * refused.
 */
export const authModulePortalOidcProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'portal-oidc-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'oidc',
          factory: createOAuthProviderFactory({
            authenticator: oidcAuthenticator,
            signInResolverFactories: {
              ...oidcSignInResolvers,
              catalogUser: catalogUserResolverFactory,
            },
          }),
        });
      },
    });
  },
});
