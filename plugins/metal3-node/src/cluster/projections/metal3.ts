import { identityOf, ObjectIdentity, ObjectRef, refOf } from './common';

export interface LabelRequirement {
  key: string;
  operator: string;
  values: string[];
}

/** The `hostSelector` of a Metal3MachineTemplate / Metal3Machine. */
export interface HostSelector {
  matchLabels: Record<string, string>;
  matchExpressions: LabelRequirement[];
}

export interface Metal3MachineTemplateProjection extends ObjectIdentity {
  hostSelector: HostSelector;
  imageUrl?: string;
  imageChecksum?: string;
  /** `md5 | sha256 | sha512 | auto`; absent: Ironic detects it. */
  imageChecksumType?: string;
  imageFormat?: string;
  dataTemplate?: ObjectRef;
  automatedCleaningMode?: string;
  nodeReuse: boolean;
}

export function projectMetal3MachineTemplate(
  raw: any,
): Metal3MachineTemplateProjection {
  const spec = raw?.spec?.template?.spec ?? {};
  return {
    ...identityOf(raw),
    hostSelector: selectorOf(spec.hostSelector),
    imageUrl: spec.image?.url,
    imageChecksum: spec.image?.checksum,
    imageChecksumType: spec.image?.checksumType,
    // v1beta2 renamed format → diskFormat.
    imageFormat: spec.image?.diskFormat ?? spec.image?.format,
    dataTemplate: refOf(spec.dataTemplate),
    automatedCleaningMode: spec.automatedCleaningMode,
    nodeReuse: Boolean(raw?.spec?.nodeReuse),
  };
}

export interface Metal3MachineProjection extends ObjectIdentity {
  /** `namespace/name` of the claimed host (CAPM3 annotation metal3.io/BareMetalHost). */
  hostRef?: string;
  ownerMachine?: string;
  hostSelector: HostSelector;
  imageUrl?: string;
  providerID?: string;
  provisioned: boolean;
}

export function projectMetal3Machine(raw: any): Metal3MachineProjection {
  const spec = raw?.spec ?? {};
  const status = raw?.status ?? {};
  return {
    ...identityOf(raw),
    hostRef: raw?.metadata?.annotations?.['metal3.io/BareMetalHost'],
    ownerMachine: (raw?.metadata?.ownerReferences ?? []).find(
      (o: any) => o.kind === 'Machine',
    )?.name,
    hostSelector: selectorOf(spec.hostSelector),
    imageUrl: spec.image?.url,
    providerID: spec.providerID,
    // v1beta2: status.initialization.provisioned; v1beta1: status.ready.
    provisioned: Boolean(status.initialization?.provisioned ?? status.ready),
  };
}

export interface Metal3RemediationProjection extends ObjectIdentity {
  /** Named after the Machine it remediates. */
  machineName: string;
  strategy?: string;
  retryLimit?: number;
  phase?: string;
  retryCount?: number;
  lastRemediated?: string;
}

export function projectMetal3Remediation(
  raw: any,
): Metal3RemediationProjection {
  const spec = raw?.spec ?? {};
  const status = raw?.status ?? {};
  return {
    ...identityOf(raw),
    machineName: raw?.metadata?.name,
    strategy: spec.strategy?.type,
    retryLimit: spec.strategy?.retryLimit,
    phase: status.phase,
    retryCount: status.retryCount,
    lastRemediated: status.lastRemediated,
  };
}

export interface IPPoolProjection extends ObjectIdentity {
  clusterName?: string;
  ranges: { start?: string; end?: string; subnet?: string }[];
  prefix?: number;
  gateway?: string;
  /** Addresses handed out (status.indexes). */
  allocated: number;
}

export function projectIPPool(raw: any): IPPoolProjection {
  const spec = raw?.spec ?? {};
  return {
    ...identityOf(raw),
    clusterName: spec.clusterName,
    ranges: (spec.pools ?? []).map((p: any) => ({
      start: p.start,
      end: p.end,
      subnet: p.subnet,
    })),
    prefix: spec.prefix,
    gateway: spec.gateway,
    allocated: Object.keys(raw?.status?.indexes ?? {}).length,
  };
}

function selectorOf(raw: any): HostSelector {
  return {
    matchLabels: raw?.matchLabels ?? {},
    matchExpressions: (raw?.matchExpressions ?? []).map((e: any) => ({
      key: e.key,
      operator: e.operator,
      values: e.values ?? [],
    })),
  };
}
