/**
 * The embedded Metal3 lab: a Kubernetes-API-compatible server, simulated
 * Metal3/Cluster API controllers and BMC emulators.
 *
 * @packageDocumentation
 */

export { startLab, DEFAULT_SPEED } from './startLab';
export { startLabProcess } from './labProcess';
export { parseUnenrolledLines } from './unenrolledLine';
export type { AuthorizationRecord } from './kube/apiServer';
export type { Decision } from './rbac/authorizer';
export type { RequestAttributes } from './rbac/requestAttributes';
export type { UserInfo } from './rbac/userInfo';
export type { RunningImageServer } from './runbook/imageServer';
export type { LabProcess } from './labProcess';
export type {
  LabOptions,
  RunningLab,
  RunningCluster,
  UnenrolledServer,
} from './startLab';
export { startApiServer } from './kube/apiServer';
export { clustersOfKubeconfig, kubeconfigFor } from './kube/kubeconfig';
export type { ApiServerOptions, RunningApiServer } from './kube/apiServer';
export { ObjectStore } from './kube/ObjectStore';
export { labBackendPlugin, labKubernetesTabModule } from './backend';
export { LabApiError } from './errors';
export { generateCertificates } from './kube/certificates';
export { startIpmiSim, ipmiSimAvailable } from './bmc/ipmiSim';
export { createBmcFleet } from './bmc';
export { admitAgainstSchema, crdSchemaFor } from './structural';
export type { FieldError, SchemaAdmission } from './structural';
export type { BmcFleet, EmulatedBmc } from './bmc';
export type { IpmiSimBmc } from './bmc/ipmiSim';
export type { LabCertificates } from './kube/certificates';
export * from './types';
// Types that the exports above name: an API report needs each reachable from
// the entry point.
export type { AdminRequest } from './kube/requestGate';
export type { Admission } from './admission/admission';
export type {
  BareMetalOperator,
  BareMetalOperatorOptions,
} from './controllers/bmo/BareMetalOperator';
export type { HardwareFaults } from './controllers/bmo/simulatedIronic';
export type {
  CredentialCheck,
  HostEnvironment,
} from './controllers/bmo/hostTransitions';
export type { CapiControllers } from './controllers/capi/CapiControllers';
export type { BmhHardware } from './bmc/bmhHardware';
export type { HostIdentity } from './bmc/hostIdentity';
export type { FieldErrorReason, Schema } from './structural/admitAgainstSchema';
export type { ListOptions } from './kube/ObjectStore';
export type { ResourceDefinition } from './kube/resourceRegistry';
export type { AllowingRule } from './rbac/authorizer';
export type { PolicyRule } from './rbac/policyRule';
