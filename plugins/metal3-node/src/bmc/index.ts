export { createSsrfGuard, ssrfGuardFromConfig } from './ssrfGuard';
export type { GuardVerdict, SsrfGuardOptions } from './ssrfGuard';
export { parseNetwork, contains as networkContains } from './ipNetworks';
export type { IpNetwork } from './ipNetworks';
export { BmcError } from './types';
export type {
  BmcClientOptions,
  BmcErrorKind,
  BmcReader,
  BmcTarget,
} from './types';
export * from './service';
export { createIpmiReader } from './ipmi';
export type { IpmiReaderOptions } from './ipmi';
export { createRedfishReader } from './redfishReader';
export { createBmcReader } from './createBmcReader';
