import { createOwnerResolver } from '@metal3-fleet/plugin-metal3-common';
import {
  BareMetalHostProjection,
  ClusterChange,
  linkHost,
  Metal3ClusterService,
} from '@metal3-fleet/plugin-metal3-node';
import { buildHostSummary } from './hostSummary';
import { haystackOf, IndexedHost } from './hostQuery';

/**
 * Fleet-table rows of every host of every cluster, kept up to date from the
 * cluster service's change stream, so that `GET /hosts` only filters and
 * sorts prepared rows instead of joining five caches per request.
 */
export class HostIndex {
  readonly #clusters: Metal3ClusterService;
  readonly #ownerOf: ReturnType<typeof createOwnerResolver>;
  /** cluster → `namespace/name` → row */
  readonly #rows = new Map<string, Map<string, IndexedHost>>();
  /** cluster → node name (from the host's Machine) → `namespace/name` of the host */
  readonly #hostOfNode = new Map<string, Map<string, string>>();
  readonly #unsubscribe: () => void;

  constructor(options: {
    clusters: Metal3ClusterService;
    ownerKey: string;
    defaultOwner: string;
  }) {
    this.#clusters = options.clusters;
    this.#ownerOf = createOwnerResolver(options);
    for (const cluster of options.clusters.listClusters()) {
      this.#rows.set(cluster.name, new Map());
      this.#hostOfNode.set(cluster.name, new Map());
    }
    this.#unsubscribe = options.clusters.subscribe(change =>
      this.#onChange(change),
    );
    for (const cluster of options.clusters.listClusters())
      this.#rebuildCluster(cluster.name);
  }

  close(): void {
    this.#unsubscribe();
  }

  /** Every row, cluster by cluster. */
  *all(): IterableIterator<IndexedHost> {
    for (const rows of this.#rows.values()) yield* rows.values();
  }

  get(
    cluster: string,
    namespace: string,
    name: string,
  ): IndexedHost | undefined {
    return this.#rows.get(cluster)?.get(`${namespace}/${name}`);
  }

  count(cluster: string): number {
    return this.#rows.get(cluster)?.size ?? 0;
  }

  #rebuildCluster(cluster: string): void {
    const cache = this.#clusters.getCluster(cluster);
    for (const host of cache.list('baremetalhosts'))
      this.#refresh(cluster, host);
  }

  #refresh(cluster: string, host: BareMetalHostProjection): void {
    const cache = this.#clusters.getCluster(cluster);
    const links = linkHost(cache, host);
    const summary = buildHostSummary(cluster, host, links, this.#ownerOf);
    const key = `${host.namespace}/${host.name}`;
    // The Machine names the node before the Node may exist: index by that name.
    if (links.machine?.nodeName) {
      this.#hostOfNode.get(cluster)!.set(links.machine.nodeName, key);
    }
    this.#rows.get(cluster)!.set(key, {
      summary,
      operationHistory: host.operationHistory,
      haystack: haystackOf(summary),
    });
  }

  #refreshKey(cluster: string, key: string | undefined): void {
    if (!key) return;
    const host = this.#clusters.getCluster(cluster).get('baremetalhosts', key);
    if (host) this.#refresh(cluster, host);
  }

  #onChange(change: ClusterChange): void {
    const rows = this.#rows.get(change.cluster);
    if (!rows) return;
    const object = change.object as any;
    const cache = this.#clusters.getCluster(change.cluster);
    switch (change.resource) {
      case 'baremetalhosts':
        if (change.type === 'deleted') rows.delete(change.key);
        else this.#refresh(change.cluster, object);
        break;
      case 'metal3machines':
        this.#refreshKey(change.cluster, object.hostRef);
        break;
      case 'machines': {
        const ref = object.infrastructureRef?.name;
        const m3m = ref
          ? cache.get('metal3machines', `${object.namespace}/${ref}`)
          : undefined;
        this.#refreshKey(change.cluster, m3m?.hostRef);
        break;
      }
      case 'nodes':
        this.#refreshKey(
          change.cluster,
          this.#hostOfNode.get(change.cluster)!.get(object.name),
        );
        break;
      case 'machinedeployments':
        if (change.type !== 'modified') this.#rebuildCluster(change.cluster);
        break;
      default:
    }
  }
}
