/**
 * Frontend of the Metal3 plugin set: fleet page, entity pages and scaffolder fields.
 *
 * @packageDocumentation
 */

export { metal3Plugin as default, fleetRouteRef } from './plugin';
export * from './api';
export { FleetPage } from './components/FleetPage';
