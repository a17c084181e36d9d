import { InputError } from '@backstage/errors';
import type { KubeClient } from '../cluster/kube';
import { isAlreadyExists, isNotFound } from './kubeErrors';
import { collectionPathOf, objectPathOf } from './kubePaths';
import { createObject } from './patch';
import { secretHolds } from './portalSecrets';

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  [key: string]: unknown;
}

/**
 * The first path where `desired` is not contained in `actual`, or undefined.
 * Objects compare key by key (extra keys in `actual`, such as defaults the
 * API server filled in, are fine); lists compare element by element.
 */
export function firstDifference(
  desired: unknown,
  actual: unknown,
  path = '',
): string | undefined {
  if (Array.isArray(desired)) {
    if (!Array.isArray(actual) || actual.length !== desired.length)
      return path || '(root)';
    for (const [i, item] of desired.entries()) {
      const diff = firstDifference(item, actual[i], `${path}[${i}]`);
      if (diff) return diff;
    }
    return undefined;
  }
  if (desired && typeof desired === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual))
      return path || '(root)';
    for (const [key, value] of Object.entries(desired)) {
      if (value === undefined) continue;
      const diff = firstDifference(
        value,
        (actual as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
      );
      if (diff) return diff;
    }
    return undefined;
  }
  return desired === actual ? undefined : path || '(root)';
}

/**
 * What of a manifest must match a stored object for it to count as the same
 * (a Secret's `stringData` is compared apart, by `secretHolds`).
 */
function comparable(manifest: Manifest): Record<string, unknown> {
  const {
    apiVersion: _a,
    kind: _k,
    metadata,
    stringData: _s,
    ...rest
  } = manifest as Manifest & { stringData?: Record<string, string> };
  return {
    ...rest,
    ...(metadata.labels && { metadata: { labels: metadata.labels } }),
  };
}

/**
 * Whether the object of a manifest exists: `absent`, `same` (every field of
 * the manifest is as stored), or an InputError naming it and the first
 * differing field: it is someone else's, or an older version, and is never
 * overwritten. Secrets compare by value without any value reaching the
 * message.
 */
export async function existingState(
  client: KubeClient,
  manifest: Manifest,
  options: { field?: string } = {},
): Promise<'absent' | 'same'> {
  let existing: unknown;
  try {
    existing = await client.request('GET', objectPathOf(manifest));
  } catch (error) {
    if (isNotFound(error)) return 'absent';
    throw error;
  }
  const values = (manifest as { stringData?: Record<string, string> })
    .stringData;
  const difference =
    values && !secretHolds(existing, values)
      ? 'stringData'
      : firstDifference(comparable(manifest), existing);
  if (!difference) return 'same';
  // A path names a field, never its value (Secrets' values stay out).
  const where = difference;
  throw new InputError(
    `${options.field ?? 'name'}: ${manifest.kind} ${
      manifest.metadata.namespace ? `${manifest.metadata.namespace}/` : ''
    }${
      manifest.metadata.name
    } already exists and differs (${where}); choose another name or delete it`,
  );
}

/**
 * Creates an object, or counts an identical one that exists as done (a
 * re-run, a double submit racing this one); a different one is refused as
 * `existingState` says.
 */
export async function createOrAdopt(
  client: KubeClient,
  manifest: Manifest,
  options: { dryRun?: boolean; field?: string } = {},
): Promise<'created' | 'exists'> {
  try {
    await createObject(client, collectionPathOf(manifest), manifest, options);
    return 'created';
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
  await existingState(client, manifest, options);
  return 'exists';
}
