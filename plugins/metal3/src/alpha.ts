/**
 * The Metal3 frontend plugin for the new frontend system.
 *
 * @packageDocumentation
 */

export { metal3Plugin as default } from './alpha/plugin';
