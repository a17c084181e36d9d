import { CapiVersion } from '../manifests/capi';

/** REST paths of the kinds the actions write, per API version. */
const named = (base: string, name?: string) =>
  name ? `${base}/${encodeURIComponent(name)}` : base;

export const paths = {
  secrets: (ns: string, name?: string) =>
    named(`/api/v1/namespaces/${ns}/secrets`, name),
  hosts: (ns: string, name?: string) =>
    named(`/apis/metal3.io/v1alpha1/namespaces/${ns}/baremetalhosts`, name),
  ipPools: (ns: string, name?: string) =>
    named(`/apis/ipam.metal3.io/v1alpha1/namespaces/${ns}/ippools`, name),
  capi: (v: CapiVersion, ns: string, plural: string, name?: string) =>
    named(`/apis/cluster.x-k8s.io/${v}/namespaces/${ns}/${plural}`, name),
  infra: (v: CapiVersion, ns: string, plural: string, name?: string) =>
    named(
      `/apis/infrastructure.cluster.x-k8s.io/${v}/namespaces/${ns}/${plural}`,
      name,
    ),
  providerNetworks: (name?: string) =>
    named('/apis/kubeovn.io/v1/provider-networks', name),
};

/** The collection path of a manifest, from its apiVersion and kind. */
export function collectionPathOf(manifest: {
  apiVersion: string;
  kind: string;
  metadata: { namespace?: string };
}): string {
  const plural = `${manifest.kind.toLowerCase()}s`;
  const ns = manifest.metadata.namespace;
  const base = manifest.apiVersion.includes('/')
    ? `/apis/${manifest.apiVersion}`
    : `/api/${manifest.apiVersion}`;
  return ns ? `${base}/namespaces/${ns}/${plural}` : `${base}/${plural}`;
}
