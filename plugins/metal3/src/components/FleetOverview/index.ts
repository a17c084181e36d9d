export { FleetOverview } from './FleetOverview';
export type { FleetOverviewProps } from './FleetOverview';
export type { OverviewSelection } from './overviewRows';
