import { randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { freePort } from './processes';

/** A person the test's identity provider knows. */
export interface OidcAccount {
  /** The login typed into the provider's form; also `preferred_username`. */
  login: string;
  email: string;
  name: string;
}

export interface RunningOidcProvider {
  issuer: string;
  /** auth.providers.oidc.production.metadataUrl */
  metadataUrl: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/**
 * A local OpenID Connect provider (npm `oidc-provider`) on 127.0.0.1, with one
 * confidential client for the portal. Its login form is the library's
 * development form (any password for a known login): it stands in for the
 * company's IdP, whose password checks are not what the test is about. It
 * issues refresh tokens to the portal as Keycloak or Dex do, so a page load
 * keeps the session.
 */
export async function startOidcProvider(options: {
  accounts: OidcAccount[];
  redirectUri: string;
}): Promise<RunningOidcProvider> {
  // oidc-provider is ESM-only.
  const { default: Provider } = await import('oidc-provider');
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'metal3-portal';
  const clientSecret = randomBytes(24).toString('base64url');
  const accounts = new Map(options.accounts.map(a => [a.login, a]));

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
    },
    async findAccount(_ctx: unknown, id: string) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            email: account.email,
            email_verified: true,
            name: account.name,
            preferred_username: account.login,
          };
        },
      };
    },
    // Refresh tokens without the offline_access + prompt=consent dance.
    async issueRefreshToken(_ctx: unknown, client: any) {
      return client.grantTypeAllowed('refresh_token');
    },
    cookies: { keys: [randomBytes(24).toString('base64url')] },
    // Explicit lifetimes (seconds), longer than the test.
    ttl: {
      AccessToken: 3600,
      Grant: 3600,
      IdToken: 3600,
      Interaction: 600,
      RefreshToken: 3600,
      Session: 3600,
    },
    features: { devInteractions: { enabled: true } },
  } as any);
  // Not provider.listen(): that binds every interface.
  const server: Server = createServer(provider.callback());
  await new Promise<void>(done => server.listen(port, '127.0.0.1', done));
  return {
    issuer,
    metadataUrl: `${issuer}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    stop: () =>
      new Promise<void>(done => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
