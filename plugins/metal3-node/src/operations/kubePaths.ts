/**
 * REST paths of every kind the portal reads live or writes: the one place
 * they are built. Names are URL-encoded; collection paths omit the name.
 */

/** The Cluster API version a cluster serves and we write (v1beta2 where served). */
export type CapiVersion = 'v1beta1' | 'v1beta2';

const named = (base: string, name?: string) =>
  name === undefined ? base : `${base}/${encodeURIComponent(name)}`;

const namespaced = (apiBase: string, ns: string, plural: string) =>
  `${apiBase}/namespaces/${encodeURIComponent(ns)}/${plural}`;

const core = '/api/v1';
const capi = (v: CapiVersion) => `/apis/cluster.x-k8s.io/${v}`;
const infra = (v: CapiVersion) => `/apis/infrastructure.cluster.x-k8s.io/${v}`;

export const kubePaths = {
  secret: (ns: string, name?: string) =>
    named(namespaced(core, ns, 'secrets'), name),
  node: (name?: string) => named(`${core}/nodes`, name),
  /** Every pod of the cluster (callers add a field selector). */
  pods: () => `${core}/pods`,
  podEviction: (ns: string, name: string) =>
    `${named(namespaced(core, ns, 'pods'), name)}/eviction`,
  bareMetalHost: (ns: string, name?: string) =>
    named(namespaced('/apis/metal3.io/v1alpha1', ns, 'baremetalhosts'), name),
  ipPool: (ns: string, name?: string) =>
    named(namespaced('/apis/ipam.metal3.io/v1alpha1', ns, 'ippools'), name),
  /** Any Cluster API core kind by its plural (machines, machinedeployments, clusters, ...). */
  capi: (v: CapiVersion, ns: string, plural: string, name?: string) =>
    named(namespaced(capi(v), ns, plural), name),
  machine: (v: CapiVersion, ns: string, name?: string) =>
    named(namespaced(capi(v), ns, 'machines'), name),
  machineDeployment: (v: CapiVersion, ns: string, name?: string) =>
    named(namespaced(capi(v), ns, 'machinedeployments'), name),
  cluster: (v: CapiVersion, ns: string, name?: string) =>
    named(namespaced(capi(v), ns, 'clusters'), name),
  /** Any CAPM3 kind by its plural (metal3machines, metal3machinetemplates, ...). */
  infra: (v: CapiVersion, ns: string, plural: string, name?: string) =>
    named(namespaced(infra(v), ns, plural), name),
  metal3Machine: (v: CapiVersion, ns: string, name?: string) =>
    named(namespaced(infra(v), ns, 'metal3machines'), name),
  metal3MachineTemplate: (v: CapiVersion, ns: string, name?: string) =>
    named(namespaced(infra(v), ns, 'metal3machinetemplates'), name),
  providerNetwork: (name?: string) =>
    named('/apis/kubeovn.io/v1/provider-networks', name),
};

/** A manifest's collection path (for POST), from its apiVersion and kind. */
export function collectionPathOf(manifest: {
  apiVersion: string;
  kind: string;
  metadata: { namespace?: string };
}): string {
  const plural = `${manifest.kind.toLowerCase()}s`;
  const base = manifest.apiVersion.includes('/')
    ? `/apis/${manifest.apiVersion}`
    : `/api/${manifest.apiVersion}`;
  const ns = manifest.metadata.namespace;
  return ns ? namespaced(base, ns, plural) : `${base}/${plural}`;
}

/** A manifest's own path (for GET, DELETE). */
export function objectPathOf(manifest: {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}): string {
  return named(collectionPathOf(manifest), manifest.metadata.name);
}

/** The CAPI version to write to a cluster: v1beta2 unless discovery found only v1beta1. */
export function capiVersionOf(cache: { capiVersion?: string }): CapiVersion {
  return cache.capiVersion === 'v1beta1' ? 'v1beta1' : 'v1beta2';
}
