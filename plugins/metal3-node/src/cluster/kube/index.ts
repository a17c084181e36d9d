export { KubeClient } from './KubeClient';
export type { KubeClientOptions, ListPage, RequestOptions } from './KubeClient';
export type { WatchEnd, WatchEventHandler } from './watchStream';
export {
  KubeApiError,
  isExpired,
  isTooManyRequests,
  isUnauthorized,
  describeError,
} from './KubeApiError';
export { loadKubeConfig, loadClientNode } from './loadKubeConfig';
export { credentialFiles, fingerprintFiles } from './credentialFiles';
export { ClusterConfigError, configKey } from './configKey';
