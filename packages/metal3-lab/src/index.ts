/**
 * The embedded Metal3 lab: a Kubernetes-API-compatible server, simulated
 * Metal3/Cluster API controllers and BMC emulators.
 *
 * @packageDocumentation
 */

export { startLab, DEFAULT_SPEED } from './startLab';
export { startLabProcess } from './labProcess';
export type { LabProcess } from './labProcess';
export type {
  LabOptions,
  RunningLab,
  RunningCluster,
  UnenrolledServer,
} from './startLab';
export { startApiServer } from './kube/apiServer';
export { kubeconfigFor } from './kube/kubeconfig';
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
