export { metal3HostResourceRef, metal3PoolResourceRef } from './resources';
export type {
  Metal3HostResource,
  Metal3PoolResource,
  Metal3ResourceFilter,
} from './resources';
export { metal3HostRules, metal3PoolRules } from './rules';
export {
  metal3HostConditions,
  createMetal3HostConditionalDecision,
  metal3PoolConditions,
  createMetal3PoolConditionalDecision,
} from './conditions';
export { requirePermission } from './requirePermission';
