/**
 * The write layer: every write the portal makes to a cluster goes through
 * here, for the REST API and the scaffolder actions alike (see the "Writes"
 * section of docs/architecture.md).
 */
export {
  kubePaths,
  collectionPathOf,
  objectPathOf,
  capiVersionOf,
} from './kubePaths';
export type { CapiVersion } from './kubePaths';
export {
  FIELD_MANAGER,
  MERGE_PATCH,
  writeQuery,
  mergePatch,
  createObject,
  deleteObject,
} from './patch';
export type { WriteOptions } from './patch';
export {
  isStatus,
  isAlreadyExists,
  isConflict,
  isNotFound,
  isLostAnswer,
  toCallerError,
} from './kubeErrors';
export { withConflictRetry } from './conflictRetry';
export type { ConflictRetryOptions } from './conflictRetry';
export { openAudit, audited } from './audit';
export type { AuditRecord, AuditMeta } from './audit';
export { accessCluster } from './clusterAccess';
export type { ClusterAccess } from './clusterAccess';
export type { OperationResult, HostTarget } from './types';
export {
  setOnline,
  requestReboot,
  requestInspection,
  setDetached,
} from './hostOperations';
export type { RebootMode } from './hostOperations';
export { setCordoned, evictablePods, drainNode } from './nodeMaintenance';
export type { DrainProgress } from './nodeMaintenance';
export {
  changeReplicas,
  TOPOLOGY_DEPLOYMENT_LABEL,
  REPLICA_CHANGES_ANNOTATION,
  REPLICA_CHANGES_KEPT,
} from './replicas';
export type {
  ReplicaChange,
  ReplicaRequest,
  ChangeReplicasOptions,
} from './replicas';
export { scalePool } from './scalePool';
export type { PoolTarget, PoolScale } from './scalePool';
export { poolCapacity, machinesWaitingForHosts } from './poolCapacity';
export {
  removeFromPool,
  DELETE_MACHINE_ANNOTATION,
  DEPLOYMENT_NAME_LABEL,
} from './removeFromPool';
export type { PoolRemoval } from './removeFromPool';
export {
  MANAGED_BY_LABEL,
  MANAGED_BY_PORTAL,
  isPortalSecret,
  labelAsPortalSecret,
  secretHolds,
} from './portalSecrets';
export { releaseBmcSecret } from './bmcSecretRelease';
export type { SecretRelease } from './bmcSecretRelease';
export { enrollHostWithSecret } from './hostEnrollment';
export type {
  BmcSecretManifest,
  HostManifest,
  Enrollment,
  EnrollOptions,
  EnrollmentLog,
} from './hostEnrollment';
export { createOrAdopt, existingState, firstDifference } from './createOrAdopt';
export type { Manifest } from './createOrAdopt';
export {
  rotateBmcCredentials,
  ROTATION_ANNOTATION,
} from './bmcCredentialsRotation';
export type {
  RotationOptions,
  RotationResult,
  RotationLog,
} from './bmcCredentialsRotation';
