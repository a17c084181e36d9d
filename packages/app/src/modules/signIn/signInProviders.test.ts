import { signInProviders } from './signInProviders';

describe('signInProviders', () => {
  it('offers OpenID Connect, and no guest, when app.signIn.providers is not set', () => {
    const providers = signInProviders(undefined, undefined);
    expect(providers).toEqual([
      expect.objectContaining({ id: 'oidc', title: 'Single sign-on' }),
    ]);
    expect(providers).not.toContain('guest');
  });

  it('offers the guest only where the config lists it, in the listed order', () => {
    expect(signInProviders(['guest'], undefined)).toEqual(['guest']);
    expect(signInProviders(['oidc', 'guest'], 'Keycloak')).toEqual([
      expect.objectContaining({ id: 'oidc', title: 'Keycloak' }),
      'guest',
    ]);
  });

  it('names the key when a method is unknown', () => {
    expect(() => signInProviders(['github'], undefined)).toThrow(
      /app\.signIn\.providers: github is not a sign-in method/,
    );
  });
});
