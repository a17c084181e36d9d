import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { DEFAULT_CONTROLLER_RULES } from '@metal3-fleet/plugin-metal3-common';
import { controllerNamespaces, readChecksSettings } from '../checks/settings';
import { Metal3ClusterConfig, readClusterConfigs } from '../config';
import {
  ClusterCache,
  ClusterCacheTuning,
  ClusterChange,
  ClusterHealth,
} from './ClusterCache';
import type { ResourceName } from './resourceTypes';

/**
 * The one place the plugin set reads clusters from: one watch cache per
 * configured cluster per backend process, shared by the REST API, the catalog
 * module and the scaffolder actions.
 *
 * @public
 */
export interface Metal3ClusterService {
  /** The configured clusters, in config order. */
  listClusters(): Metal3ClusterConfig[];
  /** The cache of one cluster; throws NotFoundError for an unknown name. */
  getCluster(name: string): ClusterCache;
  health(): ClusterHealth[];
  /** Every change of every cached object. Returns an unsubscribe function. */
  subscribe(listener: (change: ClusterChange) => void): () => void;
  /** Resolves when every cluster has listed everything once (or failed to connect within `timeoutMs`). */
  whenSynced(timeoutMs?: number): Promise<void>;
  stop(): void;
}

/** @public */
export class DefaultMetal3ClusterService implements Metal3ClusterService {
  readonly #caches: Map<string, ClusterCache>;
  readonly #listeners = new Set<(change: ClusterChange) => void>();

  static fromConfig(
    config: RootConfigService,
    options: { logger: LoggerService },
  ): DefaultMetal3ClusterService {
    return new DefaultMetal3ClusterService(
      readClusterConfigs(config),
      options.logger,
      undefined,
      {
        namespaces: {
          deployments: controllerNamespaces(readChecksSettings(config)),
        },
      },
    );
  }

  constructor(
    clusters: Metal3ClusterConfig[],
    logger: LoggerService,
    tuning?: ClusterCacheTuning,
    options: {
      /**
       * Namespaces of the resources watched per namespace; the Deployments
       * of the default controller namespaces (metal3.checks.controllers)
       * when not given.
       */
      namespaces?: Partial<Record<ResourceName, readonly string[]>>;
    } = {},
  ) {
    const namespaces = {
      deployments: controllerNamespaces({
        controllers: DEFAULT_CONTROLLER_RULES,
      }),
      ...options.namespaces,
    };
    this.#caches = new Map(
      clusters.map(config => [
        config.name,
        new ClusterCache({
          config,
          logger,
          tuning,
          namespaces,
          onChange: change => this.#publish(change),
        }),
      ]),
    );
    for (const cache of this.#caches.values()) void cache.start();
  }

  listClusters(): Metal3ClusterConfig[] {
    return [...this.#caches.values()].map(c => c.config);
  }

  getCluster(name: string): ClusterCache {
    const cache = this.#caches.get(name);
    if (!cache)
      throw new NotFoundError(`No cluster named "${name}" is configured`);
    return cache;
  }

  health(): ClusterHealth[] {
    return [...this.#caches.values()].map(c => c.health());
  }

  subscribe(listener: (change: ClusterChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async whenSynced(timeoutMs = 60_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...this.#caches.values()].map(c => c.whenSynced())),
      new Promise(resolve => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }

  stop(): void {
    for (const cache of this.#caches.values()) cache.stop();
  }

  #publish(change: ClusterChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch {
        // One failing subscriber must not starve the others or the informer.
      }
    }
  }
}
