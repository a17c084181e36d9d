import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_METAL3_CLUSTER,
  ANNOTATION_METAL3_KIND,
  ANNOTATION_METAL3_NAME,
  ANNOTATION_METAL3_NAMESPACE,
  metal3EntityName,
} from '@internal/plugin-metal3-common';

/** What every mapper needs to know about where its entities come from. */
export interface MapperContext {
  cluster: string;
  providerName: string;
  /** `app.baseUrl`: entity links must be absolute URLs. */
  appBaseUrl: string;
  /** Resolves the owner of an object from its labels/annotations, with the configured default. */
  ownerOf(
    labels: Record<string, string>,
    annotations?: Record<string, string>,
  ): string;
}

/** The annotations shared by every entity of a provider. */
export function baseAnnotations(
  context: MapperContext,
  kind: string,
  namespace: string | undefined,
  name: string,
): Record<string, string> {
  const location = `metal3-provider:${context.providerName}`;
  return {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [ANNOTATION_METAL3_CLUSTER]: context.cluster,
    ...(namespace && { [ANNOTATION_METAL3_NAMESPACE]: namespace }),
    [ANNOTATION_METAL3_NAME]: name,
    [ANNOTATION_METAL3_KIND]: kind,
    // Lets the built-in Kubernetes tab find the objects of this entity.
    'backstage.io/kubernetes-cluster': context.cluster,
    ...(namespace && { 'backstage.io/kubernetes-namespace': namespace }),
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
