import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  ClusterChange,
  Metal3ClusterService,
} from '@metal3-fleet/plugin-metal3-node';
import { createOwnerResolver } from '@metal3-fleet/plugin-metal3-common';
import { MapperContext } from '../mappers/common';
import {
  buildClusterEntitiesYielding,
  buildHostEntity,
  buildPoolEntity,
  EntityKey,
  hostKey,
  poolKey,
  yieldToEventLoop,
} from './buildClusterEntities';

/** @public */
export interface Metal3EntityProviderOptions {
  cluster: string;
  clusters: Metal3ClusterService;
  logger: LoggerService;
  taskRunner: SchedulerServiceTaskRunner;
  defaultOwner: string;
  ownerKey: string;
  /** The fleet page's absolute URL (`app.baseUrl` + `metal3.fleetPath`), for the entities' links. */
  fleetUrl: string;
  /** Batch window of delta mutations, ms (default 100). */
  deltaDelayMs?: number;
  /** Wait between attempts of the first full sync while the cluster is unreadable, ms. */
  retryDelayMs?: number;
}

/**
 * Entities of one cluster: its `kubernetes-cluster`, its worker pools and its
 * bare-metal hosts. A full mutation on a schedule, delta mutations from the
 * cluster service's change stream in between.
 *
 * Safety rules:
 * - a full mutation is only built from a complete, live read: while the
 *   cluster is unreachable the catalog keeps what it has (stale, not empty);
 * - a delta is only sent for entities whose mapped content changed, so a
 *   status-only change (power, provisioning state) writes nothing.
 *
 * Several replicas: every replica runs this provider under the same name and
 * applies the deltas of its own watch; the scheduled full sync runs on one of
 * them (scope `global`). That is safe because the writes are idempotent
 * (docs/architecture.md, "Replicas"): a replica sends an entity whenever its
 * cache's version differs from what it last wrote itself, and only records
 * what was written once the write succeeded, in order (one write at a time,
 * no change dropped). So whichever replica writes an entity last has written
 * the version its cache holds, and if that was not the newest yet, its watch
 * brings the newest and it writes again: every replica's last write is the
 * cluster's latest state. A delta identical to what the catalog holds changes
 * nothing there (same hash), so the second replica's copy costs one read.
 *
 * @public
 */
export class Metal3EntityProvider implements EntityProvider {
  readonly #options: Metal3EntityProviderOptions;
  readonly #logger: LoggerService;
  readonly #context: MapperContext;
  #connection?: EntityProviderConnection;
  /** JSON of what the catalog currently holds from us, per key. */
  #emitted?: Map<EntityKey, { entity: Entity; json: string }>;
  #dirty = new Set<string>();
  #timer?: NodeJS.Timeout;
  #unsubscribe?: () => void;
  /** Writes to the catalog, one at a time and in order. */
  #writes: Promise<unknown> = Promise.resolve();

  constructor(options: Metal3EntityProviderOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ provider: this.getProviderName() });
    this.#context = {
      cluster: options.cluster,
      providerName: this.getProviderName(),
      fleetUrl: options.fleetUrl,
      ownerOf: createOwnerResolver({
        ownerKey: options.ownerKey,
        defaultOwner: options.defaultOwner,
      }),
    };
  }

  getProviderName(): string {
    return `metal3:${this.#options.cluster}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    this.#unsubscribe = this.#options.clusters.subscribe(change =>
      this.#onChange(change),
    );
    void this.#initialSync();
    await this.#options.taskRunner.run({
      id: `${this.getProviderName()}:full`,
      fn: async () => {
        await this.fullSync('scheduled');
      },
    });
  }

  /**
   * The scheduled full sync may be far away: apply the first one as soon as
   * the cluster cache has listed everything, retrying while it is not readable.
   */
  async #initialSync(): Promise<void> {
    await this.#cluster().whenSynced();
    while (!this.#emitted && this.#unsubscribe) {
      try {
        if (await this.fullSync('start-up')) return;
      } catch (error) {
        this.#logger.warn(`Initial full sync failed: ${error}`);
      }
      await new Promise(resolve => {
        this.#timer = setTimeout(resolve, this.#options.retryDelayMs ?? 10_000);
      });
    }
  }

  /** Stops listening to the change stream (backend shutdown, tests). */
  close(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    clearTimeout(this.#timer);
  }

  /**
   * Replaces this provider's entities with a fresh build, unless the cluster
   * is not fully and currently read. Returns whether it applied.
   */
  fullSync(
    reason: 'scheduled' | 'start-up' | 'requested' = 'requested',
  ): Promise<boolean> {
    return this.#serially(() => this.#fullSync(reason));
  }

  async #fullSync(reason: string): Promise<boolean> {
    const connection = this.#requireConnection();
    // The scheduler may still call after shutdown (the test backends' shared
    // scheduler triggers every task it knows at the next backend's start):
    // a closed provider writes nothing into a catalog that is going away.
    if (!this.#unsubscribe) return false;
    const cache = this.#options.clusters.getCluster(this.#options.cluster);
    const health = cache.health();
    if (!health.synced || health.staleSince) {
      // Stale is worth a warning; "not synced yet" is every start-up (the
      // scheduler runs the task at once, before the first LIST is done), and
      // a cluster that cannot be reached is already reported by the cluster
      // service and its health.
      const log = health.staleSince ? this.#logger.warn : this.#logger.info;
      log.call(
        this.#logger,
        `Skipping full sync: cluster ${this.#options.cluster} is ${
          health.synced ? `stale since ${health.staleSince}` : 'not synced yet'
        } (${health.lastError ?? 'no error'}); keeping the current entities`,
      );
      return false;
    }
    // Everything is rebuilt from here on; changes arriving during the build
    // stay dirty and go out as a delta after it.
    const pending = [...this.#dirty];
    this.#dirty.clear();
    try {
      const entities = await buildClusterEntitiesYielding(
        cache,
        this.#context,
        this.#options.defaultOwner,
      );
      await connection.applyMutation({
        type: 'full',
        entities: [...entities.values()].map(entity => ({
          entity,
          locationKey: this.getProviderName(),
        })),
      });
      const emitted = new Map<EntityKey, { entity: Entity; json: string }>();
      for (const [key, entity] of entities) {
        emitted.set(key, { entity, json: JSON.stringify(entity) });
        if (emitted.size % 500 === 0) await yieldToEventLoop();
      }
      this.#emitted = emitted;
      this.#logger.info(
        `Full sync applied ${entities.size} entities (${reason})`,
      );
    } catch (error) {
      pending.forEach(key => this.#dirty.add(key));
      throw error;
    }
    if (this.#dirty.size > 0) this.#flushSoon();
    return true;
  }

  #onChange(change: ClusterChange): void {
    // Tracked before the first full sync too: what changes while it builds
    // is sent after it.
    if (change.cluster !== this.#options.cluster || !this.#unsubscribe) return;
    const object = change.object as any;
    switch (change.resource) {
      case 'baremetalhosts':
        this.#dirty.add(hostKey(object));
        break;
      case 'machinedeployments':
        this.#dirty.add(poolKey(object));
        // Pool membership of its hosts is derived through machines; those
        // changes arrive on their own, so only the pool entity is dirty here.
        break;
      case 'metal3machinetemplates':
        for (const pool of this.#cluster().list('machinedeployments')) {
          if (pool.infrastructureRef?.name === object.name)
            this.#dirty.add(poolKey(pool));
        }
        break;
      case 'metal3machines':
        if (object.hostRef) this.#dirty.add(`host:${object.hostRef}`);
        break;
      case 'machines':
        this.#dirtyHostOfMachine(object);
        break;
      default:
        return;
    }
    this.#flushSoon();
  }

  /** Batches the changes of the next `deltaDelayMs` into one delta. */
  #flushSoon(delayMs = this.#options.deltaDelayMs ?? 100): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(
      () =>
        void this.#serially(() => this.#flush()).catch(error => {
          // Kept dirty by #flush: retried, never dropped.
          this.#logger.warn(`Delta not applied, retrying: ${error}`);
          if (this.#unsubscribe)
            this.#flushSoon(this.#options.retryDelayMs ?? 10_000);
        }),
      delayMs,
    );
  }

  /** Runs catalog writes one after the other, in the order they were asked for. */
  #serially<T>(write: () => Promise<T>): Promise<T> {
    const result = this.#writes.then(write);
    this.#writes = result.catch(() => undefined);
    return result;
  }

  #dirtyHostOfMachine(machine: any): void {
    const ref = machine.infrastructureRef;
    if (!ref?.name) return;
    const m3m = this.#cluster().get(
      'metal3machines',
      `${machine.namespace}/${ref.name}`,
    );
    if (m3m?.hostRef) this.#dirty.add(`host:${m3m.hostRef}`);
  }

  async #flush(): Promise<void> {
    const emitted = this.#emitted;
    if (!emitted || this.#dirty.size === 0 || !this.#unsubscribe) return;
    const cache = this.#cluster();
    const keys = [...this.#dirty];
    this.#dirty.clear();
    const added: { key: EntityKey; entity: Entity; json: string }[] = [];
    const removed: { key: EntityKey; entity: Entity }[] = [];
    for (const key of keys) {
      const entity = this.#rebuild(key);
      const previous = emitted.get(key);
      if (!entity) {
        if (previous) removed.push({ key, entity: previous.entity });
        continue;
      }
      const json = JSON.stringify(entity);
      if (previous?.json === json) continue;
      added.push({ key, entity, json });
    }
    if (added.length === 0 && removed.length === 0) return;
    try {
      await this.#requireConnection().applyMutation({
        type: 'delta',
        added: added.map(({ entity }) => ({
          entity,
          locationKey: this.getProviderName(),
        })),
        removed: removed.map(({ entity }) => ({
          entity,
          locationKey: this.getProviderName(),
        })),
      });
    } catch (error) {
      keys.forEach(key => this.#dirty.add(key));
      throw error;
    }
    // Only what was written counts as emitted.
    for (const { key, entity, json } of added)
      emitted.set(key, { entity, json });
    for (const { key } of removed) emitted.delete(key);
    this.#logger.debug(
      `Delta applied: ${added.length} added or changed, ${removed.length} removed (cache ${cache.config.name})`,
    );
  }

  #rebuild(key: EntityKey): Entity | undefined {
    const cache = this.#cluster();
    const [kind, ref] = [
      key.slice(0, key.indexOf(':')),
      key.slice(key.indexOf(':') + 1),
    ];
    if (kind === 'host') {
      const host = cache.get('baremetalhosts', ref);
      return host ? buildHostEntity(cache, host, this.#context) : undefined;
    }
    if (kind === 'pool') {
      const pool = cache.get('machinedeployments', ref);
      return pool ? buildPoolEntity(cache, pool, this.#context) : undefined;
    }
    return undefined;
  }

  #cluster() {
    return this.#options.clusters.getCluster(this.#options.cluster);
  }

  #requireConnection(): EntityProviderConnection {
    if (!this.#connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    return this.#connection;
  }
}
