/**
 * Backend library of the Metal3 plugin set: cluster configuration and, as the
 * plugin set grows, the shared cluster service and the BMC clients.
 *
 * @packageDocumentation
 */

export * from './config';
export * from './cluster';
export * from './fleet';
export * from './operations';
export * from './bmc';
export * from './permissions';
export * from './checks';
export * from './images';
