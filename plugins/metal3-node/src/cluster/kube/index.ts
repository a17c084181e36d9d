export { KubeClient } from './KubeClient';
export type { ListPage, RequestOptions, WatchEventHandler } from './KubeClient';
export { KubeApiError, isExpired } from './KubeApiError';
export { loadKubeConfig, loadClientNode } from './loadKubeConfig';
