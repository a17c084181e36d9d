import { randomUUID } from 'node:crypto';
import { LabApiError } from '../errors';
import {
  KubeObject,
  LabStore,
  ResourceKey,
  StoreEvent,
  WriteOptions,
} from '../types';
import type { Admission } from '../admission/admission';
import { matchesSelector } from './selectors';

/** How many past events a watch can resume from (etcd compacts too). */
const EVENT_WINDOW = 200_000;

/** Namespace and selectors of a LIST, as the API server takes them. @public */
export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

const keyOf = (key: ResourceKey) => `${key.group}/${key.resource}`;
const nameKey = (namespace: string | undefined, name: string) =>
  namespace ? `${namespace}/${name}` : name;
const clone = <T>(value: T): T => structuredClone(value);

/**
 * The object store of one simulated cluster: one resourceVersion counter for
 * everything (as etcd), uid/generation/creationTimestamp bookkeeping,
 * optimistic concurrency, finalizers, cascading deletion through
 * ownerReferences, and an event log that watches resume from.
 *
 * @public
 */
export class ObjectStore implements LabStore {
  readonly #objects = new Map<string, Map<string, KubeObject>>();
  readonly #events: StoreEvent[] = [];
  readonly #listeners = new Set<(event: StoreEvent) => void>();
  readonly #statusSubresource: (key: ResourceKey) => boolean;
  readonly #admit?: Admission;
  #revision = 1;
  #compactedAt = 1;

  constructor(
    options: {
      hasStatusSubresource?: (key: ResourceKey) => boolean;
      /** Schema and webhook admission of every write (the lab passes `admit`). */
      admit?: Admission;
    } = {},
  ) {
    this.#statusSubresource = options.hasStatusSubresource ?? (() => true);
    this.#admit = options.admit;
  }

  get resourceVersion(): string {
    return String(this.#revision);
  }

  /** The oldest resourceVersion a watch can still resume from. */
  get oldestResumableVersion(): number {
    return this.#events.length > 0
      ? Number(this.#events[0].resourceVersion) - 1
      : this.#compactedAt;
  }

  /**
   * Forgets the event history, as etcd compaction does: watches can then only
   * resume from now on, older resourceVersions answer 410 Gone.
   */
  compact(): void {
    this.#events.splice(0, this.#events.length);
    this.#compactedAt = this.#revision;
  }

  /** Events after `resourceVersion`, in order. */
  eventsSince(resourceVersion: number): StoreEvent[] {
    // Binary search: the log is ordered by resourceVersion.
    let lo = 0;
    let hi = this.#events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (Number(this.#events[mid].resourceVersion) <= resourceVersion)
        lo = mid + 1;
      else hi = mid;
    }
    return this.#events.slice(lo);
  }

  get(
    key: ResourceKey,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const object = this.#objects.get(keyOf(key))?.get(nameKey(namespace, name));
    return object && clone(object);
  }

  list(key: ResourceKey, options: ListOptions = {}): KubeObject[] {
    return this.listShared(key, options).map(clone);
  }

  /**
   * The matching objects in name order, not copied: for callers that copy
   * only what they send (a page of a LIST). Never modify what it returns.
   */
  listShared(
    key: ResourceKey,
    options: ListOptions = {},
  ): readonly KubeObject[] {
    const all = this.#objects.get(keyOf(key));
    if (!all) return [];
    const result: KubeObject[] = [];
    for (const object of all.values()) {
      if (options.namespace && object.metadata.namespace !== options.namespace)
        continue;
      if (
        !matchesSelector(object, options.labelSelector, options.fieldSelector)
      )
        continue;
      result.push(object);
    }
    const id = (o: KubeObject) =>
      nameKey(o.metadata.namespace, o.metadata.name!);
    // Code-point order, as etcd keys sort; localeCompare would be 10x slower.
    return result.sort((a, b) => {
      const x = id(a);
      const y = id(b);
      if (x < y) return -1;
      return x > y ? 1 : 0;
    });
  }

  create(
    key: ResourceKey,
    input: KubeObject,
    options: WriteOptions = {},
  ): KubeObject {
    let object = clone(input);
    let metadata = object.metadata;
    if (!metadata.name && metadata.generateName) {
      metadata.name = `${metadata.generateName}${randomUUID().slice(0, 5)}`;
    }
    if (!metadata.name) {
      throw invalid(object, [
        {
          field: 'metadata.name',
          reason: 'FieldValueRequired',
          message: 'Required value: name or generateName is required',
        },
      ]);
    }
    if (this.#admit) {
      object = this.#admit(key, object, undefined, {
        fieldValidation: 'Ignore',
        ...options,
      });
      metadata = object.metadata;
    }
    // NamespaceLifecycle: no objects in a namespace that does not exist.
    if (
      metadata.namespace &&
      !this.#objects.get('/namespaces')?.has(metadata.namespace)
    ) {
      throw new LabApiError(
        404,
        'NotFound',
        `namespaces "${metadata.namespace}" not found`,
        { name: metadata.namespace, kind: 'namespaces' },
      );
    }
    const map = this.#map(key);
    const id = nameKey(metadata.namespace, metadata.name!);
    if (map.has(id)) {
      throw new LabApiError(
        409,
        'AlreadyExists',
        `${key.resource}${key.group ? `.${key.group}` : ''} "${
          metadata.name
        }" already exists`,
        {
          name: metadata.name,
          group: key.group,
          kind: key.resource,
        },
      );
    }
    metadata.uid = randomUUID();
    metadata.generation = 1;
    metadata.creationTimestamp = new Date()
      .toISOString()
      .replace(/\.\d+Z$/, 'Z');
    delete metadata.deletionTimestamp;
    // dryRun=All: everything a write does (admission included) but commit.
    if (options.dryRun) return object;
    metadata.resourceVersion = this.#next();
    map.set(id, object);
    this.#emit('ADDED', key, object);
    return clone(object);
  }

  update(
    key: ResourceKey,
    input: KubeObject,
    options: WriteOptions = {},
  ): KubeObject {
    const map = this.#map(key);
    const id = nameKey(input.metadata.namespace, input.metadata.name!);
    const current = map.get(id);
    if (!current) throw notFound(key, input.metadata.name!);
    const wanted = input.metadata.resourceVersion;
    if (wanted && wanted !== current.metadata.resourceVersion) {
      throw new LabApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${key.resource}${
          key.group ? `.${key.group}` : ''
        } "${
          input.metadata.name
        }": the object has been modified; please apply your changes to the latest version and try again`,
        { name: input.metadata.name, group: key.group, kind: key.resource },
      );
    }
    let next = clone(input);
    // Server-owned metadata is never taken from the client.
    next.metadata = {
      ...next.metadata,
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
      generation: current.metadata.generation,
      deletionTimestamp: current.metadata.deletionTimestamp,
    };
    if (options.subresource === 'status') {
      // The status endpoint changes status only.
      next.spec = current.spec;
      next.metadata = { ...current.metadata };
    } else if (this.#statusSubresource(key)) {
      // With a status subresource, the main endpoint ignores status changes.
      next.status = current.status;
    }
    if (this.#admit) {
      next = this.#admit(key, next, current, {
        fieldValidation: 'Ignore',
        ...options,
      });
    }
    if (JSON.stringify(next.spec) !== JSON.stringify(current.spec)) {
      next.metadata.generation = (current.metadata.generation ?? 1) + 1;
    }
    next.metadata.resourceVersion = current.metadata.resourceVersion;
    if (JSON.stringify(next) === JSON.stringify(current)) {
      return clone(current); // a no-op write does not bump the resourceVersion
    }
    if (options.dryRun) return next;
    if (
      next.metadata.deletionTimestamp &&
      (next.metadata.finalizers ?? []).length === 0
    ) {
      map.delete(id);
      next.metadata.resourceVersion = this.#next();
      this.#emit('DELETED', key, next);
      this.#cascade(next);
      return clone(next);
    }
    next.metadata.resourceVersion = this.#next();
    map.set(id, next);
    this.#emit('MODIFIED', key, next);
    return clone(next);
  }

  delete(
    key: ResourceKey,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const map = this.#map(key);
    const id = nameKey(namespace, name);
    const current = map.get(id);
    if (!current) throw notFound(key, name);
    if ((current.metadata.finalizers ?? []).length > 0) {
      if (current.metadata.deletionTimestamp) return clone(current);
      const marked = clone(current);
      marked.metadata.deletionTimestamp = new Date()
        .toISOString()
        .replace(/\.\d+Z$/, 'Z');
      marked.metadata.resourceVersion = this.#next();
      map.set(id, marked);
      this.#emit('MODIFIED', key, marked);
      return clone(marked);
    }
    map.delete(id);
    const gone = clone(current);
    gone.metadata.resourceVersion = this.#next();
    this.#emit('DELETED', key, gone);
    this.#cascade(gone);
    return gone;
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Background cascading deletion: dependents whose owner is gone go too. */
  #cascade(owner: KubeObject): void {
    for (const [resource, map] of this.#objects) {
      const [group, plural] = [
        resource.slice(0, resource.indexOf('/')),
        resource.slice(resource.indexOf('/') + 1),
      ];
      for (const object of [...map.values()]) {
        if (
          (object.metadata.ownerReferences ?? []).some(
            ref => ref.uid === owner.metadata.uid,
          )
        ) {
          try {
            this.delete(
              { group, resource: plural },
              object.metadata.namespace,
              object.metadata.name!,
            );
          } catch {
            // already gone
          }
        }
      }
    }
  }

  #map(key: ResourceKey): Map<string, KubeObject> {
    let map = this.#objects.get(keyOf(key));
    if (!map) {
      map = new Map();
      this.#objects.set(keyOf(key), map);
    }
    return map;
  }

  #next(): string {
    this.#revision += 1;
    return String(this.#revision);
  }

  #emit(type: StoreEvent['type'], key: ResourceKey, object: KubeObject): void {
    const event: StoreEvent = {
      type,
      key,
      object: clone(object),
      resourceVersion: object.metadata.resourceVersion!,
    };
    this.#events.push(event);
    if (this.#events.length > EVENT_WINDOW)
      this.#events.splice(0, this.#events.length - EVENT_WINDOW);
    for (const listener of this.#listeners) listener(event);
  }
}

export function notFound(key: ResourceKey, name: string): LabApiError {
  return new LabApiError(
    404,
    'NotFound',
    `${key.resource}${key.group ? `.${key.group}` : ''} "${name}" not found`,
    {
      name,
      group: key.group,
      kind: key.resource,
    },
  );
}

function invalid(
  object: KubeObject,
  causes: { field: string; reason: string; message: string }[],
): LabApiError {
  return new LabApiError(
    422,
    'Invalid',
    `${object.kind} "${object.metadata.name ?? ''}" is invalid: ${causes
      .map(c => `${c.field}: ${c.message}`)
      .join(', ')}`,
    {
      name: object.metadata.name,
      kind: object.kind,
      causes,
    },
  );
}
