export { InMemoryClusterService } from './InMemoryClusterService';
export * from './fleetInvariants';
export * from './postgres';
