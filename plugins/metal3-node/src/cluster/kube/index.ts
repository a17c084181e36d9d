export { KubeClient } from './KubeClient';
export type { ListPage, RequestOptions, WatchEventHandler } from './KubeClient';
export { KubeApiError, isExpired, describeError } from './KubeApiError';
export { loadKubeConfig, loadClientNode } from './loadKubeConfig';
