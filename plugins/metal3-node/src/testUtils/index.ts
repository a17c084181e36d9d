export { InMemoryClusterService } from './InMemoryClusterService';
