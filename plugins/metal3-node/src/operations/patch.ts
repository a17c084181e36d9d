import type { KubeClient } from '../cluster/kube';
import { withConflictRetry } from './conflictRetry';

/** The field manager of every write, visible in `managedFields`. */
export const FIELD_MANAGER = 'backstage-metal3';

/** Every patch the portal sends is a JSON merge patch (RFC 7386). */
export const MERGE_PATCH = 'application/merge-patch+json';

/** The query of every write: our field manager, and `dryRun=All` on a dry run. */
export function writeQuery(dryRun?: boolean): Record<string, string> {
  return { fieldManager: FIELD_MANAGER, ...(dryRun && { dryRun: 'All' }) };
}

export interface WriteOptions {
  /**
   * The resourceVersion the patch was computed from: the API server refuses
   * the write with 409 Conflict if the object changed since (optimistic
   * concurrency), instead of overwriting someone else's change.
   */
  resourceVersion?: string;
  dryRun?: boolean;
}

/** A merge patch, conditional when `resourceVersion` is given; returns the object written. */
export function mergePatch<T = any>(
  client: KubeClient,
  path: string,
  patch: { metadata?: Record<string, unknown>; [key: string]: unknown },
  options: WriteOptions = {},
): Promise<T> {
  const body = options.resourceVersion
    ? {
        ...patch,
        metadata: {
          ...patch.metadata,
          resourceVersion: options.resourceVersion,
        },
      }
    : patch;
  return client.request<T>('PATCH', path, {
    body,
    contentType: MERGE_PATCH,
    query: writeQuery(options.dryRun),
  });
}

/**
 * POST of a new object; 409 AlreadyExists is the caller's to handle. A 409
 * Conflict (storage changed under the request) is retried: a POST either
 * creates the name or finds it taken, so repeating it is safe.
 */
export function createObject<T = any>(
  client: KubeClient,
  collectionPath: string,
  manifest: { metadata?: { name?: string } } | unknown,
  options: { dryRun?: boolean } = {},
): Promise<T> {
  const name = (manifest as { metadata?: { name?: string } })?.metadata?.name;
  return withConflictRetry(`Creating ${collectionPath}/${name}`, () =>
    client.request<T>('POST', collectionPath, {
      body: manifest,
      query: writeQuery(options.dryRun),
    }),
  );
}

/**
 * DELETE, only of the object this caller saw: the uid precondition makes the
 * API server refuse (409) when the name now belongs to a newer object.
 */
export function deleteObject(
  client: KubeClient,
  path: string,
  options: { uid?: string; dryRun?: boolean } = {},
): Promise<unknown> {
  return client.request('DELETE', path, {
    query: options.dryRun ? { dryRun: 'All' } : undefined,
    ...(options.uid && {
      body: {
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        preconditions: { uid: options.uid },
      },
    }),
  });
}
