export { FleetOverview } from './FleetOverview';
export type { FleetOverviewProps, OverviewSelection } from './FleetOverview';
