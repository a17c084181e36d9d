import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_CLUSTER,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_METAL3_NAME,
  metal3EntityName,
} from '@metal3-fleet/plugin-metal3-common';

/** What every mapper needs to know about where its entities come from. */
export interface MapperContext {
  cluster: string;
  providerName: string;
  /**
   * The fleet page's absolute URL (`app.baseUrl` + `metal3.fleetPath`):
   * entity links must be absolute, and the page is where the app mounts it.
   */
  fleetUrl: string;
  /** Resolves the owner of an object from its labels/annotations, with the configured default. */
  ownerOf(
    labels: Record<string, string>,
    annotations?: Record<string, string>,
  ): string;
}

/**
 * The annotations shared by every entity of a provider: where it comes from,
 * and the object it stands for. Cluster and namespace are the Kubernetes
 * plugin's own keys (its tab finds the objects through them), not repeated
 * under our prefix: every field costs a row in each catalog search index.
 */
export function baseAnnotations(
  context: MapperContext,
  namespace: string | undefined,
  name: string,
): Record<string, string> {
  const location = `metal3-provider:${context.providerName}`;
  return {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [ANNOTATION_KUBERNETES_CLUSTER]: context.cluster,
    ...(namespace && { [ANNOTATION_KUBERNETES_NAMESPACE]: namespace }),
    [ANNOTATION_METAL3_NAME]: name,
  };
}

/** Entity ref of the resource entity of a Metal3 object. */
export function resourceRef(
  cluster: string,
  namespace: string | undefined,
  name: string,
): string {
  return stringifyEntityRef({
    kind: 'resource',
    namespace: 'default',
    name: metal3EntityName(cluster, namespace, name),
  });
}

/** Entity ref of a cluster's `kubernetes-cluster` entity (named after the cluster). */
export function clusterRef(cluster: string): string {
  return stringifyEntityRef({
    kind: 'resource',
    namespace: 'default',
    name: cluster,
  });
}

/**
 * Catalog label values are at most 63 characters of `[a-z0-9A-Z-_.]`, starting
 * and ending alphanumeric: "Dell Inc." becomes "dell-inc".
 */
export function labelValue(
  value: string | number | undefined,
): string | undefined {
  if (value === undefined || value === '') return undefined;
  const clean = String(value)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 63)
    .replace(/[^a-z0-9]+$/, '');
  return clean || undefined;
}

/** Drops undefined values so entities compare equal whatever the input's gaps. */
export function compact<T extends Record<string, string | undefined>>(
  record: T,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).filter(([, v]) => v !== undefined && v !== ''),
  ) as Record<string, string>;
}

/** `{ vendor: 'Dell' }` with prefix `p/` → `{ 'p/vendor': 'Dell' }`. */
export function prefixKeys(
  prefix: string,
  record: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [`${prefix}${key}`, value]),
  );
}
