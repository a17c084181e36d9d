export { readClusterConfigs } from './readClusterConfigs';
export type { Metal3ClusterConfig } from './types';
