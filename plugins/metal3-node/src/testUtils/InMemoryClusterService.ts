import type {
  ClusterCache,
  ClusterChange,
  ClusterHealth,
  ResourceAvailability,
} from '../cluster/ClusterCache';
import type { Metal3ClusterService } from '../cluster/Metal3ClusterService';
import { RESOURCE_TYPES, ResourceName } from '../cluster/resourceTypes';
import type { Metal3ClusterConfig } from '../config';

/** One cluster of the in-memory service. */
class InMemoryCluster {
  readonly config: Metal3ClusterConfig;
  readonly #objects = new Map<ResourceName, Map<string, any>>();
  readonly #publish: (change: ClusterChange) => void;
  overrides: Partial<ClusterHealth> = {};
  /** Resources to report as not available, with the reason. */
  unavailable: Partial<Record<ResourceName, string>> = {};
  /** Namespaces to report as not listed, per resource. */
  namespaceErrors: Partial<Record<ResourceName, Record<string, string>>> = {};
  readonly client = undefined;
  readonly capiVersion = 'v1beta2';

  constructor(name: string, publish: (change: ClusterChange) => void) {
    this.config = { name, title: name, authProvider: 'inCluster' };
    this.#publish = publish;
  }

  put(resource: ResourceName, raw: any): void {
    const object = RESOURCE_TYPES[resource].project(raw);
    const key = object.namespace
      ? `${object.namespace}/${object.name}`
      : object.name;
    const map = this.#objects.get(resource) ?? new Map();
    this.#objects.set(resource, map);
    const previous = map.get(key);
    map.set(key, object);
    this.#publish({
      cluster: this.config.name,
      resource,
      key,
      object,
      previous,
      type: previous ? 'modified' : 'added',
    });
  }

  remove(resource: ResourceName, key: string): void {
    const object = this.#objects.get(resource)?.get(key);
    if (!object) return;
    this.#objects.get(resource)!.delete(key);
    this.#publish({
      cluster: this.config.name,
      resource,
      key,
      object,
      type: 'deleted',
    });
  }

  get(resource: ResourceName, key: string) {
    return this.#objects.get(resource)?.get(key);
  }

  list(resource: ResourceName) {
    return [...(this.#objects.get(resource)?.values() ?? [])];
  }

  async whenSynced(): Promise<void> {}

  availability(resource: ResourceName): ResourceAvailability {
    const reason = this.unavailable[resource];
    return reason ? { available: false, reason } : { available: true };
  }

  namespaceFailures(resource: ResourceName): Record<string, string> {
    return this.namespaceErrors[resource] ?? {};
  }

  health(): ClusterHealth {
    return {
      name: this.config.name,
      title: this.config.title,
      connected: true,
      synced: true,
      unavailable: [],
      ...this.overrides,
    };
  }
}

/**
 * A cluster service over objects held in memory, for unit tests of code that
 * reads the fleet (routers, providers). Objects go in raw, as the API server
 * would return them, and are projected like the real cache does. Writes and
 * watches are not simulated: integration tests use the lab for those.
 *
 * @public
 */
export class InMemoryClusterService implements Metal3ClusterService {
  readonly #clusters = new Map<string, InMemoryCluster>();
  readonly #listeners = new Set<(change: ClusterChange) => void>();

  constructor(clusterNames: string[]) {
    for (const name of clusterNames) {
      this.#clusters.set(
        name,
        new InMemoryCluster(name, change => this.#publish(change)),
      );
    }
  }

  /** Adds or replaces a raw object; publishes the change like an informer. */
  put(cluster: string, resource: ResourceName, raw: any): void {
    this.#cluster(cluster).put(resource, raw);
  }

  remove(cluster: string, resource: ResourceName, key: string): void {
    this.#cluster(cluster).remove(resource, key);
  }

  /** Reports a resource as not available (`reason`), or available again (undefined). */
  setUnavailable(
    cluster: string,
    resource: ResourceName,
    reason: string | undefined,
  ): void {
    this.#cluster(cluster).unavailable[resource] = reason;
  }

  /** Reports namespaces of a per-namespace resource as not listed. */
  setNamespaceFailures(
    cluster: string,
    resource: ResourceName,
    failures: Record<string, string>,
  ): void {
    this.#cluster(cluster).namespaceErrors[resource] = failures;
  }

  setHealth(cluster: string, health: Partial<ClusterHealth>): void {
    const target = this.#cluster(cluster);
    target.overrides = { ...target.overrides, ...health };
  }

  listClusters(): Metal3ClusterConfig[] {
    return [...this.#clusters.values()].map(c => c.config);
  }

  getCluster(name: string): ClusterCache {
    return this.#cluster(name) as unknown as ClusterCache;
  }

  health(): ClusterHealth[] {
    return [...this.#clusters.values()].map(c => c.health());
  }

  subscribe(listener: (change: ClusterChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async whenSynced(): Promise<void> {}

  stop(): void {}

  #cluster(name: string): InMemoryCluster {
    const cluster = this.#clusters.get(name);
    if (!cluster) throw new Error(`No cluster named "${name}" is configured`);
    return cluster;
  }

  #publish(change: ClusterChange): void {
    this.#listeners.forEach(l => l(change));
  }
}
