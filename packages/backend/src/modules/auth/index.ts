export { authModulePortalOidcProvider } from './oidcProviderModule';
