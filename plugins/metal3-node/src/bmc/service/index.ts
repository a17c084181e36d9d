export { runPreflight } from './preflight';
export type { PreflightDeps } from './preflight';
export { BmcTelemetryService } from './BmcTelemetryService';
export type {
  BmcReaderFactory,
  BmcTelemetryOptions,
  TelemetryDepth,
} from './BmcTelemetryService';
export { DefaultMetal3BmcService } from './Metal3BmcService';
export type {
  CredentialsOwner,
  Metal3BmcService,
  PreflightAccess,
} from './Metal3BmcService';
export { readBmcCredentials } from './hostCredentials';
export type { BmcCredentials } from './hostCredentials';
export { createLimiter } from './limiter';
export { bmcErrorMessage } from './errorMessage';
export { metal3BmcServiceRef } from './bmcServiceRef';
export { readBmcSettings } from './bmcConfig';
export { probeRedfishServiceRoot } from './redfishServiceRoot';
export type { BmcSettings } from './bmcConfig';
