import { OwnerResolver } from '@metal3-fleet/plugin-metal3-common';
import {
  BareMetalHostProjection,
  ClusterChange,
  Metal3ClusterService,
} from '@metal3-fleet/plugin-metal3-node';
import { activeRemediations, degradedPools } from './clusterConditions';
import { diffConditions } from './conditionDiff';
import { FleetEventSettings } from './fleetEventSettings';
import { hostConditions, mayBecomeStuck } from './hostConditions';
import { FleetCondition, FleetEvent } from './types';

/** Changes of these resources can change a pool's health or a remediation's subject. */
const CLUSTER_WIDE = new Set([
  'baremetalhosts',
  'machinedeployments',
  'machinesets',
  'machines',
  'metal3machines',
  'metal3machinetemplates',
  'metal3remediations',
]);

/** Bursts of changes (a relist, a rollout) are folded into one pass per cluster. */
const CLUSTER_PASS_DELAY_MS = 1000;

export interface FleetEventDetectorOptions {
  clusters: Metal3ClusterService;
  ownerOf: OwnerResolver;
  settings: FleetEventSettings;
  /** The clock (tests move it); epoch ms. */
  now?: () => number;
}

/**
 * The one place fleet events are derived: from the cluster service's change
 * stream (every replica has the whole fleet in its cache), with a timer for
 * what time alone changes (a host becoming stuck, a pool degraded long
 * enough). It keeps the conditions in force and tells listeners when one
 * enters or leaves. The metrics read the conditions; the notifier compares
 * them with what the database says was already notified, so the events of
 * this replica never send anything by themselves (see FleetNotifier).
 *
 * Events are only emitted for clusters whose cache has synced: the first
 * LIST of a cluster is the state found, not a change.
 */
export class FleetEventDetector {
  readonly #clusters: Metal3ClusterService;
  readonly #ownerOf: OwnerResolver;
  readonly #settings: FleetEventSettings;
  readonly #now: () => number;
  /** cluster → host key → the host's conditions */
  readonly #hosts = new Map<string, Map<string, FleetCondition[]>>();
  /** cluster → hosts whose conditions can change with time alone */
  readonly #timeDriven = new Map<string, Set<string>>();
  /** cluster → remediations and pools degraded long enough */
  readonly #clusterWide = new Map<string, FleetCondition[]>();
  /** key of a degraded pool → since when (detector clock) */
  readonly #degradedSince = new Map<string, number>();
  readonly #pending = new Set<string>();
  readonly #listeners = new Set<(event: FleetEvent) => void>();
  #passTimer?: NodeJS.Timeout;
  #checkTimer?: NodeJS.Timeout;
  #unsubscribe?: () => void;
  /** While the state found at start is read in: that is the state, not events. */
  #quiet = false;

  constructor(options: FleetEventDetectorOptions) {
    this.#clusters = options.clusters;
    this.#ownerOf = options.ownerOf;
    this.#settings = options.settings;
    this.#now = options.now ?? Date.now;
  }

  /** Subscribes to the change stream and starts the timer. */
  start(): void {
    if (this.#unsubscribe) return;
    for (const { name } of this.#clusters.listClusters()) {
      this.#hosts.set(name, new Map());
      this.#timeDriven.set(name, new Set());
      this.#clusterWide.set(name, []);
    }
    this.#unsubscribe = this.#clusters.subscribe(change =>
      this.#onChange(change),
    );
    this.#quiet = true;
    try {
      for (const { name } of this.#clusters.listClusters()) {
        const cache = this.#clusters.getCluster(name);
        for (const host of cache.list('baremetalhosts'))
          this.#updateHost(name, host);
        this.#clusterPass(name);
      }
    } finally {
      this.#quiet = false;
    }
    this.#checkTimer = setInterval(() => this.check(), this.#settings.checkMs);
    this.#checkTimer.unref();
  }

  close(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    clearInterval(this.#checkTimer);
    clearTimeout(this.#passTimer);
  }

  /** Listens to conditions entering and leaving; returns the unsubscribe function. */
  onEvent(listener: (event: FleetEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The clusters the detector watches, in config order. */
  clusterNames(): string[] {
    return [...this.#hosts.keys()];
  }

  /** The conditions in force, of one cluster or of all. */
  conditions(cluster?: string): FleetCondition[] {
    const names = cluster ? [cluster] : [...this.#hosts.keys()];
    const result: FleetCondition[] = [];
    for (const name of names) {
      for (const list of this.#hosts.get(name)?.values() ?? [])
        result.push(...list);
      result.push(...(this.#clusterWide.get(name) ?? []));
    }
    return result;
  }

  /** Whether the cluster's cache has listed everything: its conditions are the cluster's. */
  isSynced(cluster: string): boolean {
    return Boolean(
      this.#clusters.health().find(h => h.name === cluster)?.synced,
    );
  }

  /** Looks again at what time alone changes; runs on the timer, callable from tests. */
  check(): void {
    for (const [cluster, keys] of this.#timeDriven) {
      const cache = this.#clusters.getCluster(cluster);
      for (const key of [...keys]) {
        const host = cache.get('baremetalhosts', key);
        if (host) this.#updateHost(cluster, host);
      }
    }
    for (const cluster of this.#hosts.keys()) this.#clusterPass(cluster);
  }

  #onChange(change: ClusterChange): void {
    if (!this.#hosts.has(change.cluster)) return;
    if (change.resource === 'baremetalhosts') {
      if (change.type === 'deleted')
        this.#removeHost(change.cluster, change.key);
      else
        this.#updateHost(
          change.cluster,
          change.object as BareMetalHostProjection,
        );
    }
    if (CLUSTER_WIDE.has(change.resource)) this.#schedulePass(change.cluster);
  }

  #updateHost(cluster: string, host: BareMetalHostProjection): void {
    const key = `${host.namespace ?? ''}/${host.name}`;
    const conditions = hostConditions(cluster, host, {
      now: new Date(this.#now()),
      stuckSeconds: this.#settings.stuckSeconds,
      ownerOf: this.#ownerOf,
    });
    const hosts = this.#hosts.get(cluster)!;
    const before = hosts.get(key) ?? [];
    if (conditions.length > 0) hosts.set(key, conditions);
    else hosts.delete(key);
    const timeDriven = this.#timeDriven.get(cluster)!;
    if (mayBecomeStuck(host, this.#settings.stuckSeconds)) timeDriven.add(key);
    else timeDriven.delete(key);
    this.#emit(cluster, diffConditions(before, conditions));
  }

  #removeHost(cluster: string, key: string): void {
    const before = this.#hosts.get(cluster)!.get(key) ?? [];
    this.#hosts.get(cluster)!.delete(key);
    this.#timeDriven.get(cluster)!.delete(key);
    this.#emit(cluster, diffConditions(before, []));
  }

  #schedulePass(cluster: string): void {
    this.#pending.add(cluster);
    if (this.#passTimer) return;
    this.#passTimer = setTimeout(() => {
      this.#passTimer = undefined;
      const clusters = [...this.#pending];
      this.#pending.clear();
      clusters.forEach(c => this.#clusterPass(c));
    }, CLUSTER_PASS_DELAY_MS);
    this.#passTimer.unref();
  }

  /** Remediations and degraded pools of one cluster, from its cache as it is now. */
  #clusterPass(cluster: string): void {
    const cache = this.#clusters.getCluster(cluster);
    const now = this.#now();
    const degraded = degradedPools(cache, cluster, this.#ownerOf);
    const seen = new Set(degraded.map(c => c.key));
    for (const key of [...this.#degradedSince.keys()]) {
      if (key.includes(` ${cluster}/`) && !seen.has(key))
        this.#degradedSince.delete(key);
    }
    const longEnough = degraded.filter(condition => {
      const since = this.#degradedSince.get(condition.key) ?? now;
      this.#degradedSince.set(condition.key, since);
      return now - since >= this.#settings.poolDegradedMs;
    });
    const after = [
      ...activeRemediations(cache, cluster, this.#ownerOf),
      ...longEnough,
    ];
    const before = this.#clusterWide.get(cluster) ?? [];
    this.#clusterWide.set(cluster, after);
    this.#emit(cluster, diffConditions(before, after));
  }

  #emit(cluster: string, events: FleetEvent[]): void {
    if (events.length === 0 || this.#quiet || !this.isSynced(cluster)) return;
    for (const event of events) {
      for (const listener of this.#listeners) {
        try {
          listener(event);
        } catch {
          // A failing listener must not stop the others or the informer.
        }
      }
    }
  }
}
