export { HostActions } from './HostActions';
export { BULK_ACTION_SPECS, HOST_ACTION_SPECS, podsOf } from './actionSpecs';
export type { ActionHost, ActionSpec, BulkActionSpec } from './actionSpecs';
