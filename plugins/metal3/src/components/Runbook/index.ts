export { ClusterRunbook } from './ClusterRunbook';
export { HostRunbook } from './HostRunbook';
export { ImagesPage } from './ImagesPage';
export { PoolRunbook } from './PoolRunbook';
export { FleetRunbookHeader } from './FleetRunbookHeader';
