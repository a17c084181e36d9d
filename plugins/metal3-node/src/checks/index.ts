/**
 * The runbook checks on live data: input assembly from the cluster caches
 * and live reads, and the service that runs the checks of
 * metal3-common/src/checks per cluster.
 */
export { ChecksService } from './ChecksService';
export type {
  ChecksServiceOptions,
  ClusterEvaluation,
  EntityFactsSource,
} from './ChecksService';
export { readChecksSettings, controllerNamespaces } from './settings';
export type { ChecksSettings, TrunkNicSetting } from './settings';
export { stackSummary } from './stackSummary';
export {
  ENTITY_FACT_KEYS,
  entityHostFacts,
  clusterHostFacts,
  metal3ResourceEntityRef,
} from './inputs';
export type { EntityLike, EntityFactKey } from './inputs';
