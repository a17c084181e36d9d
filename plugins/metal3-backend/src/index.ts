/**
 * The Metal3 backend plugin: live fleet REST API, permissions and audit.
 *
 * @packageDocumentation
 */

export { metal3Plugin as default } from './plugin';
