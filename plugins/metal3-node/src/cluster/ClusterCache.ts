import { LoggerService } from '@backstage/backend-plugin-api';
import { Metal3ClusterConfig } from '../config';
import { describeError, KubeClient, loadKubeConfig } from './kube';
import {
  InformerChange,
  InformerState,
  ResourceInformer,
} from './ResourceInformer';
import {
  collectionPath,
  ProjectionOf,
  RESOURCE_TYPES,
  ResourceName,
  ResourceType,
} from './resourceTypes';

/** A change in one cluster, as the cluster service publishes it. */
export interface ClusterChange extends InformerChange<unknown> {
  cluster: string;
  resource: ResourceName;
}

/** Connection health of one cluster. */
export interface ClusterHealth {
  name: string;
  title: string;
  /** Every watched resource has listed at least once and none is failing. */
  connected: boolean;
  /** All resources listed at least once (data can be served). */
  synced: boolean;
  /** Since when the data served is no longer tracked live (ISO), if it is not. */
  staleSince?: string;
  lastError?: string;
  /** The Cluster API version in use (from discovery). */
  capiVersion?: string;
  /** Resources the cluster does not serve (CRD not installed). */
  unavailable: ResourceName[];
}

/**
 * The watch cache of one cluster: one informer per resource type, versions
 * chosen from discovery (CAPI v1beta2 where served, else v1beta1).
 */
export class ClusterCache {
  readonly config: Metal3ClusterConfig;
  readonly #logger: LoggerService;
  readonly #onChange: (change: ClusterChange) => void;
  readonly #informers = new Map<ResourceName, ResourceInformer<any>>();
  readonly #unavailable: ResourceName[] = [];
  #client?: KubeClient;
  #capiVersion?: string;
  #startError?: string;
  #starting?: Promise<void>;
  #retryTimer?: NodeJS.Timeout;
  #stopped = false;

  constructor(options: {
    config: Metal3ClusterConfig;
    logger: LoggerService;
    onChange: (change: ClusterChange) => void;
  }) {
    this.config = options.config;
    this.#logger = options.logger.child({ cluster: options.config.name });
    this.#onChange = options.onChange;
  }

  /** Connects and starts every informer; retries discovery until it succeeds. */
  start(): Promise<void> {
    this.#starting ??= this.#start();
    return this.#starting;
  }

  async #start(): Promise<void> {
    while (!this.#stopped) {
      try {
        this.#client = await KubeClient.create(
          await loadKubeConfig(this.config),
        );
        await this.#startInformers(this.#client);
        this.#startError = undefined;
        return;
      } catch (error) {
        this.#startError = describeError(error);
        this.#logger.warn(
          `Cannot connect to cluster ${this.config.name}: ${this.#startError}`,
        );
        await new Promise(resolve => {
          this.#retryTimer = setTimeout(resolve, 5000);
        });
      }
    }
  }

  async #startInformers(client: KubeClient): Promise<void> {
    const served = new Map<string, string[]>();
    for (const [name, type] of Object.entries(RESOURCE_TYPES) as [
      ResourceName,
      ResourceType<any>,
    ][]) {
      if (!served.has(type.group)) {
        served.set(type.group, await servedVersions(client, type.group));
      }
      const version = type.versions.find(v =>
        served.get(type.group)!.includes(v),
      );
      if (!version) {
        this.#unavailable.push(name);
        continue;
      }
      if (type.group === 'cluster.x-k8s.io') this.#capiVersion = version;
      const informer = new ResourceInformer<any>({
        client,
        path: collectionPath(type, version),
        project: type.project,
        logger: this.#logger,
        onChange: change =>
          this.#onChange({
            ...change,
            cluster: this.config.name,
            resource: name,
          }),
      });
      this.#informers.set(name, informer);
      informer.start();
    }
    if (this.#unavailable.length > 0) {
      this.#logger.info(
        `Cluster ${this.config.name} serves no ${this.#unavailable.join(', ')}`,
      );
    }
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    for (const informer of this.#informers.values()) informer.stop();
  }

  /** Resolves once every resource has been listed once. */
  async whenSynced(): Promise<void> {
    await this.start();
    await Promise.all([...this.#informers.values()].map(i => i.whenSynced()));
  }

  /** The cached objects of one resource (empty when not served or not synced yet). */
  list<R extends ResourceName>(resource: R): ProjectionOf<R>[] {
    const informer = this.#informers.get(resource);
    return informer ? [...informer.values()] : [];
  }

  get<R extends ResourceName>(
    resource: R,
    key: string,
  ): ProjectionOf<R> | undefined {
    return this.#informers.get(resource)?.get(key);
  }

  /** The client for writes; undefined until connected. */
  get client(): KubeClient | undefined {
    return this.#client;
  }

  get capiVersion(): string | undefined {
    return this.#capiVersion;
  }

  /** For fault drills and tests: cut every open watch. */
  dropWatches(): void {
    for (const informer of this.#informers.values()) informer.dropWatch();
  }

  health(): ClusterHealth {
    const states: InformerState[] = [...this.#informers.values()].map(
      i => i.state,
    );
    const failing = states.filter(s => s.failing);
    const synced = states.length > 0 && states.every(s => s.synced);
    const staleSince = failing
      .map(s => s.staleSince!)
      .sort()
      .at(0);
    return {
      name: this.config.name,
      title: this.config.title,
      connected: synced && failing.length === 0 && !this.#startError,
      synced,
      ...(staleSince && { staleSince }),
      ...((failing[0]?.lastError ?? this.#startError) && {
        lastError: failing[0]?.lastError ?? this.#startError,
      }),
      ...(this.#capiVersion && { capiVersion: this.#capiVersion }),
      unavailable: [...this.#unavailable],
    };
  }
}

/** Versions of an API group the cluster serves ('' = core, always v1). */
async function servedVersions(
  client: KubeClient,
  group: string,
): Promise<string[]> {
  if (group === '') return ['v1'];
  try {
    const body = await client.request('GET', `/apis/${group}`);
    return (body?.versions ?? []).map((v: any) => v.version);
  } catch (error: any) {
    if (error?.statusCode === 404) return [];
    throw error;
  }
}
