export { InMemoryClusterService } from './InMemoryClusterService';
export * from './fleetInvariants';
