import { ObjectStore } from '../../kube/ObjectStore';
import { KubeObject, OwnerReference } from '../../types';

export { R } from '../../resourceKeys';

export const CAPI_V = 'cluster.x-k8s.io/v1beta2';
export const INFRA_V = 'infrastructure.cluster.x-k8s.io/v1beta2';

export const LABELS = {
  clusterName: 'cluster.x-k8s.io/cluster-name',
  deploymentName: 'cluster.x-k8s.io/deployment-name',
  setName: 'cluster.x-k8s.io/set-name',
  templateHash: 'machine-template-hash',
} as const;

export const ANNOTATIONS = {
  deleteMachine: 'cluster.x-k8s.io/delete-machine',
  host: 'metal3.io/BareMetalHost',
  paused: 'cluster.x-k8s.io/paused',
} as const;

export const FINALIZERS = {
  machine: 'machine.cluster.x-k8s.io',
  m3m: 'metal3machine.infrastructure.cluster.x-k8s.io',
  m3r: 'metal3remediation.infrastructure.cluster.x-k8s.io',
} as const;

export function ownerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function isOwnedBy(object: KubeObject, owner: KubeObject): boolean {
  return (object.metadata.ownerReferences ?? []).some(
    r => r.uid === owner.metadata.uid,
  );
}

export function ownerOfKind(
  object: KubeObject,
  kind: string,
): OwnerReference | undefined {
  return (object.metadata.ownerReferences ?? []).find(r => r.kind === kind);
}

/** Five lower-case characters, as Kubernetes' generateName suffixes. */
export function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (let i = 0; i < 5; i++)
    out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

/** A stable short hash of a JSON value (FNV-1a), for machine-template-hash. */
export function shortHash(value: unknown): string {
  let hash = 0x811c9dc5;
  for (const ch of JSON.stringify(value)) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).slice(0, 5).padStart(5, '0');
}

/** int-or-percent of CAPI rollouts; percentages round up (surge) or down. */
export function scaledValue(
  value: number | string | undefined,
  total: number,
  fallback: number,
  roundUp: boolean,
): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value);
  if (!match) return Number(value) || 0;
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export function isNodeReady(node: KubeObject | undefined): boolean {
  return Boolean(
    node?.status?.conditions?.some(
      (c: any) => c.type === 'Ready' && c.status === 'True',
    ),
  );
}

export const nowIso = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/**
 * The Node that joined with this provider ID, read without copying every
 * Node (reconciles run this per machine). Never modify what it returns.
 */
export function nodeWithProviderID(
  store: ObjectStore,
  providerID: string,
): KubeObject | undefined {
  return store
    .listShared({ group: '', resource: 'nodes' })
    .find(n => n.spec?.providerID === providerID);
}
