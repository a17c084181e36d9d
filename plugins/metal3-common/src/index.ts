/**
 * Isomorphic types, constants, validation and permissions of the Metal3 plugin set.
 *
 * @packageDocumentation
 */

export * from './constants';
export * from './permissions';
export * from './validation';
export * from './status';
export * from './selectors';
export * from './api';
export * from './fleet';
export * from './bmc';
export * from './checks';
export * from './approvals';
export * from './search';
