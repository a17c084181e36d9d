import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  Available,
  BmcReport,
  CheckFinding,
  CheckSubject,
  CheckValue,
  checkDrift,
  checkHostPractices,
  checkHostRemediations,
  checkNetwork,
  checkNodeRoles,
  checkStack,
  checkWorkerJoin,
  clusterSubject,
  ClusterFindingsResponse,
  collectImages,
  FLEET_FINDING_FILTERS,
  FleetFindingFilter,
  FindingsResponse,
  findingsForSubject,
  HostFindingsResponse,
  ImageListResponse,
  NamespacedRef,
  OwnerResolver,
  parseBmcAddress,
  RedfishProbe,
  RemediationRecord,
  remediationHistory,
  REQUIRED_KINDS,
  ServedKind,
  StackSummaryDto,
  subjectKey,
  sortFindings,
  summariseFindings,
  UrlProbe,
} from '@metal3-fleet/plugin-metal3-common';
import type { Metal3BmcService } from '../bmc/service';
import { createLimiter } from '../bmc/service/limiter';
import type { GuardVerdict } from '../bmc/ssrf';
import type { ClusterCache } from '../cluster/ClusterCache';
import type { Metal3ClusterService } from '../cluster/Metal3ClusterService';
import type { Metal3RemediationProjection } from '../cluster/projections';
import { linkHost } from '../fleet/fleetLinks';
import type { ImageProbeService } from '../images';
import {
  assembleClusterInputs,
  ClusterCheckInputs,
  LiveFacts,
} from './clusterInputs';
import {
  clusterHostFacts,
  CredentialsFacts,
  EntityLike,
  entityHostFacts,
  keyOf,
  LinkedHost,
  linkHosts,
  refOf,
  stackInput,
  urlsToProbe,
} from './inputs';
import {
  readBmcReport,
  readCredentialsFacts,
  readRedfishProbe,
} from './hostLiveReads';
import { PER_HOST_CHECKS, runChecks } from './runChecks';
import { readServedKinds } from './servedKinds';
import { stackSummary } from './stackSummary';
import type { ChecksSettings } from './settings';

/** The catalog side of the entity drift check (the backend reads it through the catalog service). *
/** The catalog side of the entity drift check (the backend reads it through the catalog service). * @public
/** The catalog side of the entity drift check (the backend reads it through the catalog service). */
export interface EntityFactsSource {
  /** The host entities among `hosts`, by `namespace/name`; a host without entity has no key. */
  entitiesOf(
    cluster: string,
    hosts: readonly NamespacedRef[],
  ): Promise<Map<string, EntityLike>>;
}

/** One cluster's evaluation, kept until the next. *
/** One cluster's evaluation, kept until the next. * @public
/** One cluster's evaluation, kept until the next. */
export interface ClusterEvaluation {
  cluster: string;
  evaluatedAt: string;
  /** Findings about the cluster, pools, images and ProviderNetworks, and the problems and unknowns of pool members. */
  shared: CheckFinding[];
  images: ReturnType<typeof collectImages>;
  /** The probe results the image findings were computed from. */
  probes: Record<string, UrlProbe>;
  /** Fleet filters (`is:noncompliant`, `is:drift`) each host matches, by `namespace/name`. */
  flags: Map<string, Set<FleetFindingFilter>>;
}

/** @public */
export interface ChecksServiceOptions {
  clusters: Metal3ClusterService;
  settings: ChecksSettings;
  images: ImageProbeService;
  /** BMC telemetry for the drift check; without it BMC drift is unknown. */
  bmc?: Metal3BmcService;
  /** The BMC SSRF guard, for the Redfish probe of IPMI BMCs. */
  bmcGuard?: (host: string) => Promise<GuardVerdict>;
  entities?: EntityFactsSource;
  ownerOf: OwnerResolver;
  logger: LoggerService;
  now?: () => number;
}

/** Past remediations remembered per cluster (newest kept). */
const MAX_PAST_REMEDIATIONS = 1000;
/** BMCs the background drift pass reads at once, so host pages are not queued behind it. */
const SWEEP_IN_FLIGHT = 16;

interface ClusterState {
  evaluation?: { at: number; promise: Promise<ClusterEvaluation> };
  stack?: { at: number; promise: Promise<CheckFinding[]> };
  servedKinds?: { at: number; promise: Promise<Available<ServedKind[]>> };
  bmc: Map<string, Available<BmcReport>>;
  credentials: Map<string, Available<CredentialsFacts>>;
  redfish: Map<string, Available<RedfishProbe>>;
  entities: Map<
    string,
    {
      entity: Available<Record<string, CheckValue>>;
      cluster: Record<string, CheckValue>;
    }
  >;
  past: RemediationRecord[];
}

/**
 * Runs the runbook checks (metal3-common/src/checks) on live cluster data:
 * one evaluation per cluster on demand, kept `metal3.checks.cacheSeconds`
 * and shared by concurrent callers, chunked so that a 10,000-host fleet
 * never holds the event loop. A cluster evaluation keeps only what pages
 * other than a host's need (cluster, pools, images, ProviderNetworks, and
 * the problems of pool members) and the fleet filter flags of each host; a
 * host's own findings are computed when its page asks, with live reads of
 * its BMC, BMC Secret and catalog entity. What live reads find is
 * remembered for the next evaluations (and refreshed every
 * `metal3.checks.drift.intervalMinutes` in the background), so the fleet
 * filters see it.
 *
 * @public
 */
export class ChecksService {
  readonly #options: ChecksServiceOptions;
  readonly #now: () => number;
  readonly #state = new Map<string, ClusterState>();
  readonly #unsubscribe: () => void;
  #sweepTimer?: NodeJS.Timeout;
  #sweeping?: Promise<void>;

  constructor(options: ChecksServiceOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#unsubscribe = options.clusters.subscribe(change => {
      if (
        change.resource === 'metal3remediations' &&
        change.type === 'deleted'
      ) {
        this.#rememberRemediation(
          change.cluster,
          change.object as Metal3RemediationProjection,
        );
      }
    });
  }

  /** Starts the background drift pass (every `drift.intervalMinutes`; 0: never). */
  start(): void {
    const minutes = this.#options.settings.driftIntervalMinutes;
    if (!minutes || this.#sweepTimer) return;
    this.#sweepTimer = setInterval(() => {
      if (this.#sweeping) return; // the last pass is still reading BMCs
      this.#sweeping = this.sweepAll().finally(() => {
        this.#sweeping = undefined;
      });
    }, minutes * 60_000);
    this.#sweepTimer.unref();
  }

  stop(): void {
    clearInterval(this.#sweepTimer);
    this.#unsubscribe();
  }

  /** The cluster's evaluation: the kept one while fresh, else a new one (shared by concurrent callers). */
  evaluate(
    cluster: string,
    options: { refresh?: boolean } = {},
  ): Promise<ClusterEvaluation> {
    const state = this.#stateOf(cluster);
    const kept = state.evaluation;
    if (kept && !options.refresh && this.#fresh(kept.at)) return kept.promise;
    const promise = this.#evaluateNow(cluster, state);
    state.evaluation = { at: this.#now(), promise };
    promise.catch(() => {
      if (state.evaluation?.promise === promise) state.evaluation = undefined;
    });
    return promise;
  }

  /** Stack health and ProviderNetwork coverage: the cluster page's findings. */
  async clusterFindings(cluster: string): Promise<ClusterFindingsResponse> {
    const evaluation = await this.evaluate(cluster);
    const subject = clusterSubject(cluster);
    // The cluster page shows the stack and every ProviderNetwork.
    const findings = sortFindings(
      evaluation.shared.filter(
        f => f.subject.kind === 'provider-network' || isAbout(f, subject),
      ),
    );
    return {
      subject,
      evaluatedAt: evaluation.evaluatedAt,
      findings,
      summary: summariseFindings(findings),
      stack: stackSummary(findings),
    };
  }

  /**
   * The stack summary of the fleet banner, from the stack checks alone
   * (cheap: discovery and a few Deployments), kept like an evaluation.
   */
  async stackSummary(cluster: string): Promise<StackSummaryDto> {
    const state = this.#stateOf(cluster);
    if (!state.stack || !this.#fresh(state.stack.at)) {
      const promise = this.#stackFindings(cluster, state);
      state.stack = { at: this.#now(), promise };
      promise.catch(() => {
        if (state.stack?.promise === promise) state.stack = undefined;
      });
    }
    return stackSummary(await state.stack.promise);
  }

  /** A pool page's findings: its own and its members' problems. */
  async poolFindings(
    cluster: string,
    pool: NamespacedRef,
  ): Promise<FindingsResponse> {
    const evaluation = await this.evaluate(cluster);
    const subject: CheckSubject = { kind: 'pool', cluster, ...pool };
    const findings = findingsForSubject(evaluation.shared, subject);
    return {
      subject,
      evaluatedAt: evaluation.evaluatedAt,
      findings,
      summary: summariseFindings(findings),
    };
  }

  /** A host page's findings, with live reads of its BMC, BMC Secret, catalog entity and image URLs. */
  async hostFindings(
    cluster: string,
    ref: NamespacedRef,
  ): Promise<HostFindingsResponse> {
    const cache = this.#cache(cluster);
    const host = cache.get('baremetalhosts', keyOf(ref));
    if (!host) {
      throw new NotFoundError(
        `No BareMetalHost ${ref.namespace}/${ref.name} in cluster ${cluster}`,
      );
    }
    const state = this.#stateOf(cluster);
    const links = linkHost(cache, host);
    const linked: LinkedHost = {
      host,
      ref,
      links,
      ...(links.pool && { pool: refOf(links.pool) }),
    };
    let evaluation = await this.evaluate(cluster);
    await this.#readHostLive(cluster, cache, state, linked);
    // Probes of this host's images that changed since the evaluation: the
    // image findings it shows must not lag behind what was just probed.
    const urls = [host.imageUrl, host.imageChecksum].filter(
      (u): u is string => typeof u === 'string' && /^https?:\/\//i.test(u),
    );
    const probes = await this.#options.images.probeAll(urls);
    if (
      urls.some(
        u => JSON.stringify(probes[u]) !== JSON.stringify(evaluation.probes[u]),
      )
    ) {
      evaluation = await this.evaluate(cluster, { refresh: true });
    }
    const subject: CheckSubject = { kind: 'host', cluster, ...ref };
    const inputs = await assembleClusterInputs({
      cluster,
      cache,
      settings: this.#options.settings,
      live: this.#live(
        state,
        { unavailable: 'not used for a host' },
        evaluation.probes,
      ),
      now: new Date(this.#now()).toISOString(),
      hosts: [linked],
    });
    const own = hostChecks(
      inputs,
      links.machine && keyOf(refOf(links.machine)),
    );
    this.#flag(evaluation, keyOf(ref), own);
    const shared = evaluation.shared.filter(
      f => !PER_HOST_CHECKS.has(f.check) && isAbout(f, subject),
    );
    const findings = findingsForSubject([...shared, ...own], subject);
    const remediations = Array.isArray(inputs.remediation.remediations)
      ? remediationHistory(inputs.remediation.remediations, ref)
      : [];
    return {
      subject,
      evaluatedAt: evaluation.evaluatedAt,
      findings,
      summary: summariseFindings(findings),
      remediations,
    };
  }

  /** The images view: every image in use with its users, probes and findings. */
  async images(cluster: string): Promise<ImageListResponse> {
    const evaluation = await this.evaluate(cluster);
    return {
      cluster,
      evaluatedAt: evaluation.evaluatedAt,
      items: evaluation.images.map(image => {
        const subject: CheckSubject = {
          kind: 'image',
          cluster,
          name: image.url,
        };
        const findings = findingsForSubject(
          evaluation.shared.filter(f => f.subject.kind === 'image'),
          subject,
        );
        return { ...image, findings, summary: summariseFindings(findings) };
      }),
    };
  }

  /** The fleet filters each host of the cluster matches (from its last evaluation). */
  async hostFlags(
    cluster: string,
  ): Promise<ReadonlyMap<string, ReadonlySet<FleetFindingFilter>>> {
    return (await this.evaluate(cluster)).flags;
  }

  /** The background drift pass over every cluster. */
  async sweepAll(): Promise<void> {
    for (const cluster of this.#options.clusters.listClusters()) {
      try {
        await this.sweep(cluster.name);
      } catch (error) {
        this.#options.logger.warn(
          `Drift pass of cluster ${cluster.name} failed: ${
            (error as Error).message
          }`,
        );
      }
    }
  }

  /**
   * Reads every host's BMC (identity and power, through the telemetry
   * service's cache and limits) and every host's catalog entity, and keeps
   * them for the next evaluations: what `is:drift` filters on.
   */
  async sweep(cluster: string): Promise<void> {
    const cache = this.#cache(cluster);
    const state = this.#stateOf(cluster);
    const hosts = linkHosts(cache);
    const limit = createLimiter(SWEEP_IN_FLIGHT);
    await Promise.all([
      ...hosts
        .filter(h => h.host.bmcAddress && h.host.credentialsName)
        .map(h =>
          limit(async () => {
            const report = await readBmcReport(this.#options.bmc, {
              cluster,
              ...h.ref,
            });
            state.bmc.set(keyOf(h.ref), report);
          }),
        ),
      this.#readEntities(cluster, state, hosts),
    ]);
    state.evaluation = undefined;
  }

  #fresh(at: number): boolean {
    return this.#now() - at < this.#options.settings.cacheSeconds * 1000;
  }

  #cache(cluster: string): ClusterCache {
    if (!this.#options.clusters.listClusters().some(c => c.name === cluster)) {
      throw new NotFoundError(`No cluster named "${cluster}" is configured`);
    }
    return this.#options.clusters.getCluster(cluster);
  }

  #stateOf(cluster: string): ClusterState {
    this.#cache(cluster);
    let state = this.#state.get(cluster);
    if (!state) {
      state = {
        bmc: new Map(),
        credentials: new Map(),
        redfish: new Map(),
        entities: new Map(),
        past: [],
      };
      this.#state.set(cluster, state);
    }
    return state;
  }

  /** Discovery is read at most once per cache period; a failure is the reason of the unknowns. */
  #servedKinds(
    cluster: string,
    state: ClusterState,
  ): Promise<Available<ServedKind[]>> {
    if (state.servedKinds && this.#fresh(state.servedKinds.at)) {
      return state.servedKinds.promise;
    }
    const client = this.#cache(cluster).client;
    const groups = [...new Set(REQUIRED_KINDS.map(k => k.group))];
    const promise: Promise<Available<ServedKind[]>> = client
      ? readServedKinds(client, groups).catch(error => ({
          unavailable: `API discovery of cluster ${cluster} failed: ${
            (error as Error).message
          }`,
        }))
      : Promise.resolve({
          unavailable: `cluster ${cluster} is not connected`,
        });
    state.servedKinds = { at: this.#now(), promise };
    return promise;
  }

  async #stackFindings(
    cluster: string,
    state: ClusterState,
  ): Promise<CheckFinding[]> {
    const cache = this.#cache(cluster);
    const availability = cache.availability('deployments');
    return checkStack(
      stackInput({
        cluster,
        servedKinds: await this.#servedKinds(cluster, state),
        deployments: availability.available
          ? cache.list('deployments')
          : { unavailable: availability.reason },
        unreadNamespaces: cache.namespaceFailures('deployments'),
        controllers: this.#options.settings.controllers,
      }),
    );
  }

  #live(
    state: ClusterState,
    servedKinds: Available<ServedKind[]>,
    probes: Record<string, UrlProbe>,
  ): LiveFacts {
    return {
      servedKinds,
      probes,
      bmc: state.bmc,
      credentials: state.credentials,
      redfish: state.redfish,
      entities: state.entities,
      pastRemediations: state.past,
    };
  }

  async #evaluateNow(
    cluster: string,
    state: ClusterState,
  ): Promise<ClusterEvaluation> {
    const cache = this.#cache(cluster);
    const now = this.#now();
    const servedKinds = await this.#servedKinds(cluster, state);
    const hosts = linkHosts(cache);
    await new Promise(resolve => setImmediate(resolve));
    // Probes run in the background; the findings use what is known now
    // ("not probed yet" until the first answer) and the next evaluation
    // the rest.
    const draft = await assembleClusterInputs({
      cluster,
      cache,
      settings: this.#options.settings,
      live: this.#live(state, servedKinds, {}),
      now: new Date(now).toISOString(),
      hosts,
    });
    const urls = urlsToProbe(draft.images);
    this.#options.images.refresh(urls);
    const probes = this.#options.images.results(urls);
    const inputs: ClusterCheckInputs = {
      ...draft,
      images: { ...draft.images, probes },
    };
    const evaluation: ClusterEvaluation = {
      cluster,
      evaluatedAt: new Date(now).toISOString(),
      shared: [],
      images: collectImages(inputs.images),
      probes,
      flags: new Map(),
    };
    evaluation.shared = await runChecks(inputs, {
      onHostFindings: findings => {
        for (const finding of findings) {
          this.#flagOne(evaluation, finding);
          // Pool pages show their members' problems and unknowns; the
          // rest of a host's findings is computed when its page asks.
          if (
            finding.outcome !== 'ok' &&
            (finding.also ?? []).some(s => s.kind !== 'host')
          ) {
            evaluation.shared.push(finding);
          }
        }
      },
    }).then(clusterWide => [...clusterWide, ...evaluation.shared]);
    return evaluation;
  }

  #flagOne(evaluation: ClusterEvaluation, finding: CheckFinding): void {
    if (finding.subject.kind !== 'host') return;
    for (const [filter, { matches }] of Object.entries(FLEET_FINDING_FILTERS)) {
      if (!matches(finding)) continue;
      const key = `${finding.subject.namespace}/${finding.subject.name}`;
      const flags = evaluation.flags.get(key) ?? new Set();
      flags.add(filter as FleetFindingFilter);
      evaluation.flags.set(key, flags);
    }
  }

  /** A host's flags from its freshly computed findings (its page was just read). */
  #flag(evaluation: ClusterEvaluation, key: string, own: CheckFinding[]) {
    evaluation.flags.delete(key);
    for (const finding of own) this.#flagOne(evaluation, finding);
  }

  async #readHostLive(
    cluster: string,
    cache: ClusterCache,
    state: ClusterState,
    linked: LinkedHost,
  ): Promise<void> {
    const key = keyOf(linked.ref);
    const { host } = linked;
    const parsed = host.bmcAddress
      ? parseBmcAddress(host.bmcAddress)
      : undefined;
    const bmcHost = parsed?.ok ? parsed.host : undefined;
    const [credentials, bmc, redfish] = await Promise.all([
      readCredentialsFacts(cache, host),
      host.bmcAddress && host.credentialsName
        ? readBmcReport(this.#options.bmc, { cluster, ...linked.ref })
        : undefined,
      readRedfishProbe(host, this.#options.bmcGuard, bmcHost),
      this.#readEntities(cluster, state, [linked]),
    ]);
    if (credentials) state.credentials.set(key, credentials);
    if (bmc) state.bmc.set(key, bmc);
    if (redfish) state.redfish.set(key, redfish);
  }

  async #readEntities(
    cluster: string,
    state: ClusterState,
    hosts: readonly LinkedHost[],
  ): Promise<void> {
    const source = this.#options.entities;
    if (!source) return;
    let entities: Map<string, EntityLike>;
    try {
      entities = await source.entitiesOf(
        cluster,
        hosts.map(h => h.ref),
      );
    } catch (error) {
      for (const h of hosts) {
        state.entities.set(keyOf(h.ref), {
          entity: {
            unavailable: `the catalog could not be read (${
              (error as Error).message
            })`,
          },
          cluster: this.#clusterFacts(cluster, h),
        });
      }
      return;
    }
    for (const h of hosts) {
      const entity = entities.get(keyOf(h.ref));
      state.entities.set(keyOf(h.ref), {
        entity: entity
          ? entityHostFacts(entity)
          : {
              unavailable: `the catalog has no entity for ${h.ref.name} (the metal3 catalog module emits one per host of each configured cluster)`,
            },
        cluster: this.#clusterFacts(cluster, h),
      });
    }
  }

  #clusterFacts(cluster: string, h: LinkedHost): Record<string, CheckValue> {
    return clusterHostFacts({
      cluster,
      host: h.host,
      pool: h.pool,
      ownerOf: this.#options.ownerOf,
    });
  }

  #rememberRemediation(
    cluster: string,
    remediation: Metal3RemediationProjection,
  ): void {
    if (!this.#options.clusters.listClusters().some(c => c.name === cluster)) {
      return;
    }
    const cache = this.#options.clusters.getCluster(cluster);
    const state = this.#stateOf(cluster);
    const namespace = remediation.namespace ?? '';
    // Named after its Machine; the Machine's Metal3Machine names the host.
    const machine = cache.get(
      'machines',
      `${namespace}/${remediation.machineName}`,
    );
    const m3m = machine?.infrastructureRef
      ? cache.get(
          'metal3machines',
          `${namespace}/${machine.infrastructureRef.name}`,
        )
      : undefined;
    const [hostNs, hostName] = (m3m?.hostRef ?? '').split('/');
    state.past.unshift({
      namespace,
      name: remediation.name,
      ...(hostName && { host: { namespace: hostNs, name: hostName } }),
      ...(machine?.deploymentName && {
        pool: { namespace, name: machine.deploymentName },
      }),
      ...(remediation.phase && { phase: remediation.phase }),
      ...(remediation.retryCount !== undefined && {
        retryCount: remediation.retryCount,
      }),
      ...(remediation.retryLimit !== undefined && {
        retryLimit: remediation.retryLimit,
      }),
      ...(remediation.creationTimestamp && {
        startedAt: remediation.creationTimestamp,
      }),
      ...(remediation.lastRemediated && {
        lastRemediated: remediation.lastRemediated,
      }),
      endedAt: new Date(this.#now()).toISOString(),
      active: false,
    });
    state.past.length = Math.min(state.past.length, MAX_PAST_REMEDIATIONS);
  }
}

/** Whether a finding is about `subject` (as its subject or one of `also`). */
function isAbout(finding: CheckFinding, subject: CheckSubject): boolean {
  const key = subjectKey(subject);
  return (
    subjectKey(finding.subject) === key ||
    (finding.also ?? []).some(s => subjectKey(s) === key)
  );
}

/** The per-host checks of inputs assembled for one host (and its Machine). */
function hostChecks(
  inputs: ClusterCheckInputs,
  machineKey: string | undefined,
): CheckFinding[] {
  return [
    ...checkNodeRoles(inputs.nodeRoles),
    ...checkNetwork(inputs.network).filter(
      f => f.check === 'network.trunk-nic-covered',
    ),
    ...checkHostRemediations(inputs.remediation),
    ...checkHostPractices(inputs.practices),
    ...checkDrift(inputs.drift),
    ...checkWorkerJoin({
      ...inputs.workerJoin,
      machines: inputs.workerJoin.machines.filter(
        m => machineKey !== undefined && keyOf(m.machine) === machineKey,
      ),
    }),
  ];
}
