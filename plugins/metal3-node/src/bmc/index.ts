export {
  createSsrfGuard,
  ssrfGuardFromConfig,
  REFUSED_NETWORKS,
  ALLOWABLE_CATEGORIES,
} from './ssrf';
export type {
  AllowableCategory,
  GuardPurpose,
  GuardVerdict,
  RefusedCategory,
  SsrfGuardOptions,
} from './ssrf';
export { BmcError } from './types';
export type {
  BmcClientOptions,
  BmcErrorKind,
  BmcReader,
  BmcTarget,
} from './types';
export * from './service';
export { createIpmiReader } from './ipmi';
export type { ExecFileSeam, IpmiReaderOptions } from './ipmi';
export { createRedfishReader } from './redfishReader';
export { createBmcReader } from './createBmcReader';
