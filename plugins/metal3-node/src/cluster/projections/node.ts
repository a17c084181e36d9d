import { identityOf, ObjectIdentity } from './common';

/** @public */
export interface NodeProjection extends ObjectIdentity {
  providerID?: string;
  ready: 'True' | 'False' | 'Unknown';
  /** Cordoned: `spec.unschedulable`. */
  unschedulable: boolean;
  kubeletVersion?: string;
  osImage?: string;
  addresses: { type: string; address: string }[];
}

/** @public */
export function projectNode(raw: any): NodeProjection {
  const status = raw?.status ?? {};
  const ready = (status.conditions ?? []).find((c: any) => c.type === 'Ready');
  return {
    ...identityOf(raw),
    providerID: raw?.spec?.providerID,
    ready: ready?.status ?? 'Unknown',
    unschedulable: Boolean(raw?.spec?.unschedulable),
    kubeletVersion: status.nodeInfo?.kubeletVersion,
    osImage: status.nodeInfo?.osImage,
    addresses: (status.addresses ?? []).map((a: any) => ({
      type: a.type,
      address: a.address,
    })),
  };
}
