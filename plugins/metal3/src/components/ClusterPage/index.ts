export { ClusterPage } from './ClusterPage';
export { ClusterOverview } from './ClusterOverview';
export { ClusterEntityContent } from './ClusterEntityContent';
