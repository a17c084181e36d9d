/**
 * Contracts between the parts of the lab. The store and API server
 * (src/store, src/server), the schema layer (src/schema), the BMC emulators
 * (src/bmc) and the simulated controllers (src/controllers) are built against
 * these types so that each can be written and tested on its own.
 */

/** An object as the API server stores and serves it (plain JSON). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [key: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  managedFields?: unknown[];
  [key: string]: unknown;
}

/** A resource type: API group ('' for core) and plural resource name. */
export interface ResourceKey {
  group: string;
  resource: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One committed change, in commit order. */
export interface StoreEvent {
  type: WatchEventType;
  key: ResourceKey;
  object: KubeObject;
  resourceVersion: string;
}

/**
 * An error the way the API server reports it: a `Status` object with an HTTP
 * code, reason (`NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, `Gone`,
 * `BadRequest`, `Forbidden`, `ServiceUnavailable`...) and, for `Invalid`, causes
 * naming the field paths.
 */
export interface LabStatusCause {
  reason?: string;
  message: string;
  field?: string;
}

/**
 * The in-process object store of one simulated cluster. Objects are kept and
 * returned in their storage version (CAPI v1beta2 for cluster.x-k8s.io).
 * Every write goes through the same admission (defaulting, schema validation,
 * webhook rules) as a write over HTTP, so controllers cannot store objects a
 * real API server would reject. Returned objects are copies.
 */
export interface LabStore {
  get(
    key: ResourceKey,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined;
  list(
    key: ResourceKey,
    options?: {
      namespace?: string;
      labelSelector?: string;
      fieldSelector?: string;
    },
  ): KubeObject[];
  /** Throws a LabApiError (409 AlreadyExists, 422 Invalid...). */
  create(
    key: ResourceKey,
    object: KubeObject,
    options?: WriteOptions,
  ): KubeObject;
  /**
   * Replaces the object (or only its status with `subresource: 'status'`).
   * When `object.metadata.resourceVersion` is set and stale: 409 Conflict.
   */
  update(
    key: ResourceKey,
    object: KubeObject,
    options?: WriteOptions,
  ): KubeObject;
  /**
   * Deletes, honouring finalizers (sets deletionTimestamp first) and cascading
   * to dependents through ownerReferences. Returns the object as last seen.
   */
  delete(
    key: ResourceKey,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined;
  /** Every committed change, synchronously after commit. Returns an unsubscribe function. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
}

/** How the API server treats fields the schema does not know. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** Options of one write through the store (and its admission). */
export interface WriteOptions {
  /** `status` writes change status only and skip validating webhooks. */
  subresource?: 'status';
  /** Default for HTTP requests: Warn; for the lab's own controllers: Ignore. */
  fieldValidation?: FieldValidation;
  /** dryRun=All: admit and check, but store nothing. */
  dryRun?: boolean;
  /** Collects `Warning` header texts for the client. */
  warnings?: string[];
}

/** Faults the API server can be told to simulate (admin endpoint and CLI). */
export interface ApiFaults {
  /** Until this epoch-ms, every request answers 503 and open watches are closed. */
  unavailableUntil?: number;
  /** Added latency in ms before every response. */
  latencyMs?: number;
  /** The next N writes answer 409 Conflict. */
  forcedConflicts?: number;
  /** Until this epoch-ms, every API request is rejected by API Priority and Fairness (429). */
  throttledUntil?: number;
}

/** Power state as a BMC reports it. */
export type PowerState = 'On' | 'Off';

/** Fault a single emulated BMC can simulate. */
export type BmcFault = 'hang' | 'reject-credentials' | undefined;
