/**
 * Shared helpers of the projections: every projection keeps only the fields
 * the plugin set uses, so that a 10,000-host cache stays small. Each takes the
 * raw object as the API server returned it (any served version) and treats
 * every field as optional.
 */

import { intern, internRecord } from './intern';

/** Identity shared by every projection. @public */
export interface ObjectIdentity {
  name: string;
  namespace?: string;
  /** Kept to skip unchanged watch events. (uid is not kept: nothing uses it.) */
  resourceVersion: string;
  creationTimestamp?: string;
  labels: Record<string, string>;
}

/** Reads the identity; labels are kept whole (selectors need them). @public */
export function identityOf(raw: any): ObjectIdentity {
  const metadata = raw?.metadata ?? {};
  return {
    name: metadata.name,
    ...(metadata.namespace && { namespace: intern(metadata.namespace) }),
    resourceVersion: metadata.resourceVersion,
    ...(metadata.creationTimestamp && {
      creationTimestamp: metadata.creationTimestamp,
    }),
    labels: internRecord(metadata.labels),
  };
}

/**
 * Keeps only the annotations whose key matches one of the prefixes. Most
 * annotations (last-applied-configuration, status backups) are large and of
 * no use to the portal.
 *
 * @public
 */
export function pickAnnotations(
  raw: any,
  prefixes: readonly string[],
): Record<string, string> {
  const all: Record<string, string> = raw?.metadata?.annotations ?? {};
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(all)) {
    if (prefixes.some(p => key === p || key.startsWith(`${p}/`))) {
      kept[intern(key)] = intern(value);
    }
  }
  return kept;
}

/** A reference `{kind, name, namespace?}` from either `apiVersion`- or `apiGroup`-style refs. @public */
export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

/** @public */
export function refOf(raw: any): ObjectRef | undefined {
  if (!raw?.name) return undefined;
  const apiGroup =
    raw.apiGroup ??
    (typeof raw.apiVersion === 'string' && raw.apiVersion.includes('/')
      ? raw.apiVersion.split('/')[0]
      : undefined);
  return {
    kind: intern(raw.kind),
    name: raw.name,
    ...(raw.namespace && { namespace: intern(raw.namespace) }),
    ...(apiGroup && { apiGroup: intern(apiGroup) }),
  };
}

/** @public */
export function numberOr(
  value: unknown,
  fallback?: number,
): number | undefined {
  return typeof value === 'number' ? value : fallback;
}
