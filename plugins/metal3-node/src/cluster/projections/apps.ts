import { identityOf, numberOr, ObjectIdentity } from './common';
import { intern, internRecord } from './intern';

/**
 * A Deployment of a Metal3 controller (baremetal-operator, Ironic, CAPM3,
 * IPAM, CAPI): what the stack check reads, nothing of the pod spec but the
 * container images (their tags are the versions shown).
 *
 * @public
 */
export interface DeploymentProjection extends ObjectIdentity {
  /** `spec.template.metadata.labels`: installers label the pods, not always the Deployment. */
  templateLabels: Record<string, string>;
  /** `spec.replicas`; undefined means the API default, 1. */
  replicas?: number;
  readyReplicas?: number;
  /** `spec.template.spec.containers[].image`, in order. */
  images: string[];
}

/** @public */
export function projectDeployment(raw: any): DeploymentProjection {
  const template = raw?.spec?.template ?? {};
  return {
    ...identityOf(raw),
    templateLabels: internRecord(template.metadata?.labels),
    replicas: numberOr(raw?.spec?.replicas),
    readyReplicas: numberOr(raw?.status?.readyReplicas),
    images: (template.spec?.containers ?? [])
      .map((c: any) => c?.image)
      .filter((image: unknown): image is string => typeof image === 'string')
      .map(intern),
  };
}
