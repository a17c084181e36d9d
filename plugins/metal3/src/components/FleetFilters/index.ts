export { FleetFilters } from './FleetFilters';
export { useFleetFilters } from './useFleetFilters';
