import { LoggerService } from '@backstage/backend-plugin-api';
import { Metal3ClusterConfig } from '../config';
import {
  ClusterProblem,
  describeClusterProblem,
  describeMissingCrds,
} from './clusterProblem';
import { crdName, groupsToDiscover, planInformers } from './discoveryPlan';
import { NamespacedInformers } from './NamespacedInformers';
import {
  credentialFiles,
  describeError,
  fingerprintFiles,
  KubeApiError,
  KubeClient,
  loadKubeConfig,
} from './kube';
import {
  InformerChange,
  InformerState,
  ResourceInformer,
  ResourceInformerOptions,
} from './ResourceInformer';
import {
  collectionPath,
  ProjectionOf,
  RESOURCE_TYPES,
  ResourceName,
  ResourceType,
} from './resourceTypes';

/** A change in one cluster, as the cluster service publishes it. @public */
export interface ClusterChange extends InformerChange<unknown> {
  cluster: string;
  resource: ResourceName;
}

/** Connection health of one cluster. @public */
export interface ClusterHealth {
  name: string;
  title: string;
  /** The API server URL in use, once the configuration could be read. */
  server?: string;
  /** Every watched resource has listed at least once and none is failing. */
  connected: boolean;
  /** All resources listed at least once (data can be served). */
  synced: boolean;
  /** Since when the data served is no longer tracked live (ISO), if it is not. */
  staleSince?: string;
  lastError?: string;
  /** What is wrong and how to fix it: the failure in force, else missing CRDs. */
  problem?: ClusterProblem;
  /** The Cluster API version in use (from discovery). */
  capiVersion?: string;
  /** Resources the cluster does not serve (CRD not installed). */
  unavailable: ResourceName[];
}

/**
 * Whether the cache can serve a resource, and if not why: what the runbook
 * checks say when they cannot run ("unknown: the cluster serves no
 * kubeovn.io ProviderNetworks").
 *
 * @public
 */
export type ResourceAvailability =
  | {
      available: true;
      /** Served from the last good read since then, with the failure in force. */
      staleSince?: string;
      lastError?: string;
    }
  | { available: false; reason: string };

/** Tuning for tests; production uses the defaults. @public */
export interface ClusterCacheTuning {
  /** Wait between connection attempts while discovery fails, ms (default 5 s). */
  retryDelayMs?: number;
  informer?: Pick<
    ResourceInformerOptions<never>,
    'backoff' | 'minWatchTimeoutSeconds'
  >;
}

/** The longest wait between connection attempts, even when the server asks for more. */
const MAX_RETRY_DELAY_MS = 5 * 60_000;

/**
 * The watch cache of one cluster: one informer per resource type, versions
 * chosen from discovery (CAPI v1beta2 where served, else v1beta1).
 *
 * @public
 */
export class ClusterCache {
  readonly config: Metal3ClusterConfig;
  readonly #logger: LoggerService;
  readonly #onChange: (change: ClusterChange) => void;
  readonly #tuning: ClusterCacheTuning;
  readonly #informers = new Map<
    ResourceName,
    ResourceInformer<any> | NamespacedInformers<any>
  >();
  readonly #namespaces: Partial<Record<ResourceName, readonly string[]>>;
  #unavailable: ResourceName[] = [];
  #unservedOptional: ResourceName[] = [];
  #client?: KubeClient;
  #capiVersion?: string;
  #startError?: unknown;
  #starting?: Promise<void>;
  #retryTimer?: NodeJS.Timeout;
  #wakeUp?: () => void;
  #credentialsTimer?: NodeJS.Timeout;
  #credentialsFingerprint?: string;
  #stopped = false;

  constructor(options: {
    config: Metal3ClusterConfig;
    logger: LoggerService;
    onChange: (change: ClusterChange) => void;
    tuning?: ClusterCacheTuning;
    /** Namespaces of the resources watched per namespace (`perNamespace`). */
    namespaces?: Partial<Record<ResourceName, readonly string[]>>;
  }) {
    this.config = options.config;
    this.#namespaces = options.namespaces ?? {};
    this.#logger = options.logger.child({ cluster: options.config.name });
    this.#onChange = options.onChange;
    this.#tuning = options.tuning ?? {};
  }

  /** Connects and starts every informer; retries discovery until it succeeds (or stop). */
  start(): Promise<void> {
    this.#starting ??= this.#start();
    return this.#starting;
  }

  async #start(): Promise<void> {
    while (!this.#stopped) {
      try {
        if (!this.#client) {
          const files = credentialFiles(this.config);
          this.#client = await KubeClient.create({
            // Every load (start, 401, file change) notes what it read, so
            // the periodic check does not reload again for the same change.
            load: async () => {
              this.#credentialsFingerprint = await fingerprintFiles(files);
              return loadKubeConfig(this.config);
            },
            logger: this.#logger,
          });
          this.#watchCredentials(files);
        }
        // Every group first, informers after: a discovery that fails
        // half-way must not leave informers behind that the retry would
        // start a second time.
        const plan = planInformers(await this.#discover(this.#client));
        if (this.#stopped) return;
        this.#startInformers(this.#client, plan);
        this.#startError = undefined;
        return;
      } catch (error) {
        this.#startError = error;
        const delay = this.#retryDelayMs(error);
        this.#logger.warn(
          `Cannot connect to cluster ${this.config.name}: ${describeError(
            error,
          )}; retrying in ${Math.round(delay / 1000)} s`,
        );
        await new Promise<void>(resolve => {
          this.#wakeUp = resolve;
          this.#retryTimer = setTimeout(resolve, delay);
        });
      }
    }
  }

  #retryDelayMs(error: unknown): number {
    const base = this.#tuning.retryDelayMs ?? 5000;
    const asked =
      error instanceof KubeApiError && error.retryAfterSeconds !== undefined
        ? error.retryAfterSeconds * 1000
        : 0;
    return Math.min(MAX_RETRY_DELAY_MS, Math.max(base, asked));
  }

  /** The versions the cluster serves, per API group of the watched resources. */
  async #discover(client: KubeClient): Promise<Map<string, string[]>> {
    const served = new Map<string, string[]>();
    for (const group of groupsToDiscover()) {
      served.set(group, await servedVersions(client, group));
    }
    return served;
  }

  #startInformers(
    client: KubeClient,
    plan: ReturnType<typeof planInformers>,
  ): void {
    for (const { name, version } of plan.watch) {
      // Never two informers for one resource: each would publish every change.
      this.#informers.get(name)?.stop();
      const type: ResourceType<unknown> = RESOURCE_TYPES[name];
      const options = (namespace?: string) => ({
        ...this.#tuning.informer,
        client,
        path: collectionPath(type, version, namespace),
        project: type.project,
        logger: this.#logger,
        onChange: (change: InformerChange<unknown>) =>
          this.#onChange({
            ...change,
            cluster: this.config.name,
            resource: name,
          }),
      });
      let informer: ResourceInformer<any> | NamespacedInformers<any>;
      if (type.perNamespace) {
        const namespaces = this.#namespaces[name] ?? [];
        if (namespaces.length === 0) continue;
        informer = new NamespacedInformers<any>(namespaces, ns => options(ns));
      } else {
        informer = new ResourceInformer<any>(options());
      }
      this.#informers.set(name, informer);
      informer.start();
    }
    this.#unavailable = plan.unavailable;
    this.#unservedOptional = plan.unservedOptional;
    this.#capiVersion = plan.capiVersion;
    if (plan.unavailable.length > 0) {
      this.#logger.info(
        describeMissingCrds(this.config, plan.unavailable).message,
      );
    }
  }

  /**
   * Rebuilds the client's credentials when a file they come from changes
   * (a rotated kubeconfig, a projected token), before the old ones are
   * refused: kubelet rotates projected tokens well ahead of their expiry.
   */
  #watchCredentials(files: string[]): void {
    if (files.length === 0) return;
    const seconds = this.config.credentialsRefreshSeconds ?? 60;
    this.#credentialsTimer = setInterval(async () => {
      const fingerprint = await fingerprintFiles(files);
      if (fingerprint === this.#credentialsFingerprint || this.#stopped) return;
      try {
        await this.#client?.reload(`${files.join(', ')} changed`);
      } catch (error) {
        this.#logger.warn(
          `Credentials of cluster ${
            this.config.name
          } changed but cannot be used: ${describeError(error)}`,
        );
      }
    }, seconds * 1000);
    this.#credentialsTimer.unref();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    clearInterval(this.#credentialsTimer);
    this.#wakeUp?.();
    for (const informer of this.#informers.values()) informer.stop();
  }

  /**
   * Resolves once every resource has been listed once (or the cache is
   * stopped). The checks' optional resources do not count: one the portal
   * may not list would hold every caller forever.
   */
  async whenSynced(): Promise<void> {
    await this.start();
    await Promise.all(this.#required().map(i => i.whenSynced()));
  }

  #required() {
    return [...this.#informers]
      .filter(([name]) => !RESOURCE_TYPES[name].optional)
      .map(([, informer]) => informer);
  }

  /**
   * Whether `resource` can be served, and if not why, in words a check can
   * show: not served (which CRD), not configured, not listed yet, or the
   * failure of its LIST (forbidden: which namespace).
   */
  availability(resource: ResourceName): ResourceAvailability {
    const type: ResourceType<unknown> = RESOURCE_TYPES[resource];
    const what = `${type.group || 'core'}/${type.versions[0]} ${type.plural}`;
    if (this.#startError !== undefined) {
      return {
        available: false,
        reason: `cluster ${this.config.name} is not connected (${describeError(
          this.#startError,
        )})`,
      };
    }
    if (
      this.#unavailable.includes(resource) ||
      this.#unservedOptional.includes(resource)
    ) {
      // Built-in groups (apps) have no CRD to install.
      const builtIn = !type.group.includes('.');
      return {
        available: false,
        reason: `the cluster serves no ${what}${
          builtIn ? '' : ` (CRD ${crdName(resource)} not installed)`
        }`,
      };
    }
    const informer = this.#informers.get(resource);
    if (!informer) {
      return {
        available: false,
        reason: type.perNamespace
          ? `no namespace is configured to read ${type.plural} in`
          : `${type.plural} are not read yet (discovery of cluster ${this.config.name} has not finished)`,
      };
    }
    if (informer instanceof NamespacedInformers) {
      const partial = partialAvailability(informer);
      if (partial) return partial;
    }
    const state = informer.state;
    if (!state.synced) {
      return {
        available: false,
        reason: state.failing
          ? `cannot list ${type.plural}: ${state.lastError}`
          : `${type.plural} are not listed yet`,
      };
    }
    return {
      available: true,
      ...(state.staleSince && { staleSince: state.staleSince }),
      ...(state.lastError && { lastError: state.lastError }),
    };
  }

  /**
   * For a resource watched per namespace: the namespaces whose objects could
   * not be listed, each with the error (RBAC may grant only some).
   */
  namespaceFailures(resource: ResourceName): Record<string, string> {
    const informer = this.#informers.get(resource);
    if (!(informer instanceof NamespacedInformers)) return {};
    return Object.fromEntries(
      Object.entries(informer.namespaceStates())
        .filter(([, state]) => state.failing && !state.synced)
        .map(([ns, state]) => [ns, state.lastError ?? 'cannot list']),
    );
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

  /**
   * The client for writes; undefined until the configuration could be read.
   * The same object for the life of the cache: it renews its own credentials.
   */
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
    // The checks' optional resources never make a cluster unhealthy: their
    // problems are reported by the checks (availability).
    const states: InformerState[] = this.#required().map(i => i.state);
    const failing = states.filter(s => s.failing);
    const synced = states.length > 0 && states.every(s => s.synced);
    const staleSince = failing
      .map(s => s.staleSince!)
      .sort()
      .at(0);
    const server = this.#client?.server;
    const failure: { cause: unknown; message?: string } | undefined =
      this.#startError !== undefined
        ? {
            cause: this.#startError,
            message: describeError(this.#startError),
          }
        : failing[0] && {
            cause: failing[0].cause,
            message: failing[0].lastError,
          };
    let problem: ClusterProblem | undefined;
    if (failure) {
      problem = describeClusterProblem(this.config, server, failure.cause);
    } else if (this.#unavailable.length > 0) {
      problem = describeMissingCrds(this.config, this.#unavailable);
    }
    return {
      name: this.config.name,
      title: this.config.title,
      ...(server && { server }),
      connected: synced && failing.length === 0 && !failure,
      synced,
      ...(staleSince && { staleSince }),
      ...(failure?.message && { lastError: failure.message }),
      ...(problem && { problem }),
      ...(this.#capiVersion && { capiVersion: this.#capiVersion }),
      unavailable: [...this.#unavailable],
    };
  }
}

/** Versions of an API group the cluster serves; none when it does not know the group. */
async function servedVersions(
  client: KubeClient,
  group: string,
): Promise<string[]> {
  try {
    const body = await client.request('GET', `/apis/${group}`);
    return (body?.versions ?? []).map((v: any) => v.version);
  } catch (error: any) {
    if (error?.statusCode === 404) return [];
    throw error;
  }
}

/**
 * A resource read per namespace where RBAC grants only some namespaces (a
 * site that dropped the Role of a controller it does not run): what could be
 * read is available once every namespace has answered, and
 * `namespaceFailures` names the rest. Undefined while any namespace is still
 * listing, or when none could be read.
 */
function partialAvailability(
  informer: NamespacedInformers<any>,
): ResourceAvailability | undefined {
  const states = Object.values(informer.namespaceStates());
  const read = states.filter(s => s.synced);
  const settled = states.every(s => s.synced || s.failing);
  if (!settled || read.length === 0 || read.length === states.length)
    return undefined;
  const staleSince = read.find(s => s.staleSince)?.staleSince;
  return { available: true, ...(staleSince && { staleSince }) };
}
