import { NotAllowedError } from '@backstage/errors';
import {
  AuthResolverContext,
  BackstageSignInResult,
  createSignInResolverFactory,
  SignInInfo,
} from '@backstage/plugin-auth-node';
import { z } from 'zod/v3';

/** What the OIDC authenticator hands a resolver: the ID token's userinfo. */
export interface OidcUserinfoResult {
  userinfo: { preferred_username?: unknown };
}

/** How a signed-in person is matched to a catalog User. */
export type CatalogUserMatch = 'email' | 'username';

/**
 * Finds the catalog User of a person signed in through OpenID Connect:
 * - `email`: the User whose `spec.profile.email` is the verified `email`
 *   claim (the OIDC authenticator drops an email its provider did not
 *   verify);
 * - `username`: the User named like the `preferred_username` claim.
 *
 * A person with no User is refused with a message that says what was looked
 * for and what to do, instead of the generic "unable to resolve user
 * identity": the organisation is the only place access is granted.
 */
export async function resolveCatalogUser(
  match: CatalogUserMatch,
  info: SignInInfo<OidcUserinfoResult>,
  ctx: AuthResolverContext,
): Promise<BackstageSignInResult> {
  const advice =
    'Ask a portal administrator to add you to the organisation (docs/operations.md, "Sign-in").';
  if (match === 'email') {
    const email = info.profile.email;
    if (!email) {
      throw new NotAllowedError(
        `Sign-in refused: your identity provider sent no verified email, and the portal matches users by email (auth.providers.oidc signIn resolver catalogUser, match: email).`,
      );
    }
    return notFoundAsRefusal(
      ctx.signInWithCatalogUser({ filter: { 'spec.profile.email': email } }),
      `Sign-in refused: no user in the portal's catalog has the email ${email}. ${advice}`,
    );
  }
  const username = info.result.userinfo.preferred_username;
  if (typeof username !== 'string' || username === '') {
    throw new NotAllowedError(
      `Sign-in refused: your identity provider sent no preferred_username, and the portal matches users by username (auth.providers.oidc signIn resolver catalogUser, match: username).`,
    );
  }
  return notFoundAsRefusal(
    ctx.signInWithCatalogUser({ entityRef: { kind: 'User', name: username } }),
    `Sign-in refused: no user named ${username} in the portal's catalog. ${advice}`,
  );
}

async function notFoundAsRefusal<T>(
  lookup: Promise<T>,
  message: string,
): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if ((error as Error)?.name === 'NotFoundError') {
      throw new NotAllowedError(message);
    }
    throw error;
  }
}

/**
 * The `catalogUser` sign-in resolver of `auth.providers.oidc.<env>.signIn.resolvers`,
 * option `match: email | username` (default `email`).
 */
export const catalogUserResolverFactory = createSignInResolverFactory({
  optionsSchema: z
    .object({ match: z.enum(['email', 'username']).default('email') })
    .optional(),
  create(options) {
    const match = options?.match ?? 'email';
    return (info: SignInInfo<unknown>, ctx) =>
      resolveCatalogUser(match, info as SignInInfo<OidcUserinfoResult>, ctx);
  },
});
