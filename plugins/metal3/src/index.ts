/**
 * Frontend of the Metal3 plugin set: fleet page, entity pages and scaffolder fields.
 *
 * @packageDocumentation
 */

export { metal3Plugin as default, fleetRouteRef } from './plugin';
export * from './api';
export { FleetPage } from './components/FleetPage';
export { HostPage } from './components/HostPage';
export { PoolPage } from './components/PoolPage';
export { Metal3Router } from './components/Metal3Router';
export { ClusterPage, ClusterEntityContent } from './components/ClusterPage';
export {
  HostLiveStatusCard,
  PoolLiveStatusCard,
  HostBmcContent,
} from './components/EntityCards';
export { BmcPanel } from './components/BmcPanel';
export * from './components/ScaffolderFields';
export {
  metal3LegacyPlugin,
  Metal3HostPickerFieldExtension,
  Metal3PoolPickerFieldExtension,
  Metal3BmcAddressFieldExtension,
  Metal3BootMacFieldExtension,
} from './scaffolder';
