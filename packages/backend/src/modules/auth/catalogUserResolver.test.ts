import { NotFoundError } from '@backstage/errors';
import { AuthResolverContext, SignInInfo } from '@backstage/plugin-auth-node';
import {
  catalogUserResolverFactory,
  OidcUserinfoResult,
} from './catalogUserResolver';

/** A catalog of one user, ada (email ada@example.com), as the auth backend queries it. */
function catalogOfAda(): AuthResolverContext {
  const signedIn = { token: 'token-of-ada' };
  return {
    signInWithCatalogUser: jest.fn(async query => {
      const q = query as {
        filter?: Record<string, string>;
        entityRef?: { kind: string; name: string };
      };
      if (
        q.filter?.['spec.profile.email'] === 'ada@example.com' ||
        (q.entityRef?.kind === 'User' && q.entityRef.name === 'ada')
      ) {
        return signedIn;
      }
      throw new NotFoundError('User not found');
    }),
  } as unknown as AuthResolverContext;
}

function signIn(
  options: unknown,
  claims: { email?: string; preferred_username?: string },
) {
  const resolver = catalogUserResolverFactory(options as never);
  const info: SignInInfo<OidcUserinfoResult> = {
    profile: { email: claims.email },
    result: { userinfo: { preferred_username: claims.preferred_username } },
  };
  return resolver(info, catalogOfAda());
}

describe('catalogUser sign-in resolver', () => {
  it('signs a person in as the catalog user with their verified email (the default)', async () => {
    await expect(
      signIn(undefined, { email: 'ada@example.com' }),
    ).resolves.toEqual({ token: 'token-of-ada' });
  });

  it('refuses an unknown email with a message naming it and what to do', async () => {
    const refused = signIn(
      { match: 'email' },
      { email: 'mallory@example.com', preferred_username: 'ada' },
    );
    await expect(refused).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(refused).rejects.toThrow(
      /no user in the portal's catalog has the email mallory@example\.com\. Ask a portal administrator to add you to the organisation/,
    );
  });

  it('refuses a person whose provider sent no verified email', async () => {
    await expect(signIn({ match: 'email' }, {})).rejects.toThrow(
      /sent no verified email.*match: email/,
    );
  });

  it('matches by preferred_username when configured so', async () => {
    await expect(
      signIn(
        { match: 'username' },
        { preferred_username: 'ada', email: 'other@example.com' },
      ),
    ).resolves.toEqual({ token: 'token-of-ada' });
    await expect(
      signIn({ match: 'username' }, { preferred_username: 'ben' }),
    ).rejects.toThrow(/no user named ben in the portal's catalog/);
    await expect(signIn({ match: 'username' }, {})).rejects.toThrow(
      /sent no preferred_username/,
    );
  });

  it('rejects an unknown match option at start-up', () => {
    expect(() =>
      catalogUserResolverFactory({ match: 'nickname' } as never),
    ).toThrow(/match/);
  });
});
