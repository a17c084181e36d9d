export { readClusterConfigs } from './readClusterConfigs';
export { DEFAULT_FLEET_PATH, fleetPagePath, readFleetPath } from './fleetPath';
export type { Metal3ClusterConfig } from './types';
