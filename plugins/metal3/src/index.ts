/**
 * Frontend of the Metal3 plugin set: fleet page, entity pages and scaffolder
 * fields. This entry point serves apps on the legacy frontend system; the new
 * frontend system's plugin is the default export of `./alpha`.
 *
 * @packageDocumentation
 */

export { metal3Plugin } from './legacy/plugin';
export {
  Metal3Page,
  EntityMetal3HostStatusCard,
  EntityMetal3PoolStatusCard,
  EntityMetal3HostBmcContent,
  EntityMetal3ClusterContent,
} from './legacy/extensions';
export {
  isMetal3HostEntity,
  isMetal3PoolEntity,
  isMetal3ClusterEntity,
} from './legacy/entityConditions';
export {
  Metal3HostPickerFieldExtension,
  Metal3PoolPickerFieldExtension,
  Metal3BmcAddressFieldExtension,
  Metal3BootMacFieldExtension,
} from './legacy/fieldExtensions';
export { Metal3SearchResultListItem } from './legacy/searchResultItem';
export type {
  Metal3SearchDocument,
  Metal3SearchResultListItemProps,
} from './components/SearchResult';
export * from './api';
export * from './components/ScaffolderFields';
