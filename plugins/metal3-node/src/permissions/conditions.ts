import { createConditionExports } from '@backstage/plugin-permission-node';
import { metal3HostResourceRef, metal3PoolResourceRef } from './resources';
import { metal3HostRules, metal3PoolRules } from './rules';

const hostExports = createConditionExports({
  resourceRef: metal3HostResourceRef,
  rules: metal3HostRules,
});
const poolExports = createConditionExports({
  resourceRef: metal3PoolResourceRef,
  rules: metal3PoolRules,
});

/**
 * Conditions for permission policies, e.g.
 *
 * ```ts
 * createMetal3HostConditionalDecision(
 *   request.permission,
 *   metal3HostConditions.isOwnedBy({ owners: user.info.ownershipEntityRefs }),
 * );
 * ```
 *
 * @public
 */
export const metal3HostConditions = hostExports.conditions;
/** @public */
export const createMetal3HostConditionalDecision =
  hostExports.createConditionalDecision;
/** @public */
export const metal3PoolConditions = poolExports.conditions;
/** @public */
export const createMetal3PoolConditionalDecision =
  poolExports.createConditionalDecision;
