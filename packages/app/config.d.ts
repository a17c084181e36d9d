export interface Config {
  app?: {
    /** The sign-in page (packages/app/src/modules/signIn). */
    signIn?: {
      /**
       * Sign-in methods the page offers, in order: `oidc` (the backend's
       * auth.providers.oidc) and `guest` (development only; the production
       * backend has no guest provider). Default `[oidc]`.
       * @visibility frontend
       */
      providers?: string[];
      /**
       * Label of the OpenID Connect button, e.g. the name of your identity
       * provider. Default "Single sign-on".
       * @visibility frontend
       */
      oidcTitle?: string;
    };
  };
}
