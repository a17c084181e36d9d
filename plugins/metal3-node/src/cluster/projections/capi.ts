import {
  identityOf,
  numberOr,
  ObjectIdentity,
  ObjectRef,
  pickAnnotations,
  refOf,
} from './common';

/**
 * Cluster API objects in one shape for v1beta1 and v1beta2. The API server
 * serves both during the deprecation period; we read whichever the cluster
 * prefers and normalise here (renames: see ../shared/notes/metal3.md §7.3).
 */

export interface MachineDeploymentProjection extends ObjectIdentity {
  /** The CAPI version the object was read in (field paths of fixes differ). */
  apiVersion?: 'v1beta1' | 'v1beta2';
  clusterName?: string;
  /** spec.replicas (undefined: not set, the API default 1 applies). */
  replicas?: number;
  selector: Record<string, string>;
  infrastructureRef?: ObjectRef;
  version?: string;
  /** Rollout strategy type: `RollingUpdate` (absent: the default) or `OnDelete`. */
  strategyType?: string;
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  deletionOrder?: string;
  paused: boolean;
  annotations: Record<string, string>;
  status: {
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    upToDateReplicas?: number;
    phase?: string;
  };
}

export function projectMachineDeployment(
  raw: any,
): MachineDeploymentProjection {
  const spec = raw?.spec ?? {};
  const status = raw?.status ?? {};
  const v1beta2 = isV1beta2(raw);
  const rolling = v1beta2
    ? spec.rollout?.strategy?.rollingUpdate
    : spec.strategy?.rollingUpdate;
  // v1beta1 objects of CAPI ≥ 1.11 carry the new counters under status.v1beta2.
  const counters = v1beta2 ? status : { ...status, ...(status.v1beta2 ?? {}) };
  return {
    ...identityOf(raw),
    apiVersion: capiVersionOf(raw),
    clusterName: spec.clusterName,
    replicas: numberOr(spec.replicas),
    selector: spec.selector?.matchLabels ?? {},
    infrastructureRef: refOf(spec.template?.spec?.infrastructureRef),
    version: spec.template?.spec?.version,
    strategyType: v1beta2 ? spec.rollout?.strategy?.type : spec.strategy?.type,
    maxSurge: rolling?.maxSurge,
    maxUnavailable: rolling?.maxUnavailable,
    deletionOrder: v1beta2 ? spec.deletion?.order : rolling?.deletePolicy,
    paused:
      Boolean(spec.paused) ||
      'cluster.x-k8s.io/paused' in (raw?.metadata?.annotations ?? {}),
    annotations: pickAnnotations(raw, ['metal3.backstage.io']),
    status: {
      replicas: numberOr(counters.replicas),
      readyReplicas: numberOr(counters.readyReplicas),
      availableReplicas: numberOr(counters.availableReplicas),
      upToDateReplicas: numberOr(
        counters.upToDateReplicas,
        numberOr(status.updatedReplicas),
      ),
      phase: status.phase,
    },
  };
}

export interface MachineSetProjection extends ObjectIdentity {
  ownerDeployment?: string;
  replicas?: number;
  infrastructureRef?: ObjectRef;
}

export function projectMachineSet(raw: any): MachineSetProjection {
  return {
    ...identityOf(raw),
    ownerDeployment: ownerName(raw, 'MachineDeployment'),
    replicas: numberOr(raw?.spec?.replicas),
    infrastructureRef: refOf(raw?.spec?.template?.spec?.infrastructureRef),
  };
}

export interface MachineProjection extends ObjectIdentity {
  clusterName?: string;
  deploymentName?: string;
  machineSetName?: string;
  infrastructureRef?: ObjectRef;
  providerID?: string;
  version?: string;
  nodeName?: string;
  phase?: string;
  deleting: boolean;
  /** Marked for removal on the next scale-down (cluster.x-k8s.io/delete-machine). */
  markedForDeletion: boolean;
}

export function projectMachine(raw: any): MachineProjection {
  const spec = raw?.spec ?? {};
  const status = raw?.status ?? {};
  const labels = raw?.metadata?.labels ?? {};
  return {
    ...identityOf(raw),
    clusterName: spec.clusterName,
    deploymentName: labels['cluster.x-k8s.io/deployment-name'],
    machineSetName:
      labels['cluster.x-k8s.io/set-name'] ?? ownerName(raw, 'MachineSet'),
    infrastructureRef: refOf(spec.infrastructureRef),
    providerID: spec.providerID,
    version: spec.version,
    nodeName: status.nodeRef?.name,
    phase: status.phase,
    deleting: Boolean(raw?.metadata?.deletionTimestamp),
    markedForDeletion:
      'cluster.x-k8s.io/delete-machine' in (raw?.metadata?.annotations ?? {}),
  };
}

export interface MachineHealthCheckProjection extends ObjectIdentity {
  /** The CAPI version the object was read in (field paths of fixes differ). */
  apiVersion?: 'v1beta1' | 'v1beta2';
  clusterName?: string;
  selector: Record<string, string>;
  remediationTemplate?: ObjectRef;
  nodeStartupTimeoutSeconds?: number;
  unhealthyNodeConditions: {
    type: string;
    status: string;
    timeoutSeconds?: number;
  }[];
  maxUnhealthy?: number | string;
  /** `unhealthyRange` (v1beta2 `unhealthyInRange`), `[min-max]`: wins over maxUnhealthy. */
  unhealthyRange?: string;
  status: {
    expectedMachines?: number;
    currentHealthy?: number;
    remediationsAllowed?: number;
  };
}

export function projectMachineHealthCheck(
  raw: any,
): MachineHealthCheckProjection {
  const spec = raw?.spec ?? {};
  const status = raw?.status ?? {};
  const v1beta2 = isV1beta2(raw);
  const conditions = v1beta2
    ? spec.checks?.unhealthyNodeConditions ?? []
    : spec.unhealthyConditions ?? [];
  return {
    ...identityOf(raw),
    apiVersion: capiVersionOf(raw),
    clusterName: spec.clusterName,
    selector: spec.selector?.matchLabels ?? {},
    remediationTemplate: refOf(
      v1beta2 ? spec.remediation?.templateRef : spec.remediationTemplate,
    ),
    nodeStartupTimeoutSeconds: v1beta2
      ? numberOr(spec.checks?.nodeStartupTimeoutSeconds)
      : durationSeconds(spec.nodeStartupTimeout),
    unhealthyNodeConditions: conditions.map((c: any) => ({
      type: c.type,
      status: c.status,
      timeoutSeconds: v1beta2 ? c.timeoutSeconds : durationSeconds(c.timeout),
    })),
    maxUnhealthy: v1beta2
      ? spec.remediation?.triggerIf?.unhealthyLessThanOrEqualTo
      : spec.maxUnhealthy,
    unhealthyRange: v1beta2
      ? spec.remediation?.triggerIf?.unhealthyInRange
      : spec.unhealthyRange,
    status: {
      expectedMachines: numberOr(status.expectedMachines),
      currentHealthy: numberOr(status.currentHealthy),
      remediationsAllowed: numberOr(status.remediationsAllowed),
    },
  };
}

function capiVersionOf(raw: any): 'v1beta1' | 'v1beta2' | undefined {
  const version =
    typeof raw?.apiVersion === 'string' ? raw.apiVersion.split('/')[1] : '';
  return version === 'v1beta1' || version === 'v1beta2' ? version : undefined;
}

function isV1beta2(raw: any): boolean {
  return (
    typeof raw?.apiVersion === 'string' && raw.apiVersion.endsWith('/v1beta2')
  );
}

function ownerName(raw: any, kind: string): string | undefined {
  return (raw?.metadata?.ownerReferences ?? []).find(
    (o: any) => o.kind === kind,
  )?.name;
}

/** Parses Go durations as CAPI v1beta1 writes them ("10m", "300s", "1h30m"). */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  let total = 0;
  const pattern = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let matched = '';
  for (const [whole, amount, unit] of value.matchAll(pattern)) {
    total += Number(amount) * units[unit];
    matched += whole;
  }
  return matched === value ? Math.round(total) : undefined;
}
