import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import { signInProviders } from './signInProviders';

/** The sign-in page: the methods `app.signIn.providers` lists. */
export const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => {
      const { SignInPage } = await import('@backstage/core-components');
      return function PortalSignInPage(props: SignInPageProps) {
        const config = useApi(configApiRef);
        const providers = signInProviders(
          config.getOptionalStringArray('app.signIn.providers'),
          config.getOptionalString('app.signIn.oidcTitle'),
        );
        return <SignInPage {...props} providers={providers} />;
      };
    },
  },
});
