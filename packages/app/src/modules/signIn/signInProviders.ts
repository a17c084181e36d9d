import type { SignInProviderConfig } from '@backstage/core-components';
import { oidcAuthApiRef } from './oidcAuthApi';

/** A sign-in method `app.signIn.providers` may list. */
export type SignInMethod = 'oidc' | 'guest';

/** The sign-in page's provider list for `app.signIn.providers`. */
export function signInProviders(
  methods: string[] | undefined,
  oidcTitle: string | undefined,
): ('guest' | SignInProviderConfig)[] {
  // Without the key the page offers OpenID Connect: the production default.
  // The guest is offered only where the config lists it (app-config.lab.yaml);
  // a production backend has no guest provider to answer it anyway.
  const wanted = methods ?? ['oidc'];
  const unknown = wanted.filter(m => m !== 'oidc' && m !== 'guest');
  if (unknown.length > 0) {
    throw new Error(
      `app.signIn.providers: ${unknown.join(
        ', ',
      )} is not a sign-in method of this portal (oidc, guest)`,
    );
  }
  return wanted.map(method =>
    method === 'guest'
      ? 'guest'
      : {
          id: 'oidc',
          title: oidcTitle ?? 'Single sign-on',
          message: 'Sign in with your organisation account',
          apiRef: oidcAuthApiRef,
        },
  );
}
