import {
  AuditorService,
  AuditorServiceEvent,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { OperationStore, TakenOver } from '../database/OperationStore';
import {
  OperationCheckpoint,
  OperationLease,
  OperationTarget,
  StoredOperation,
} from '../database/operationRows';

/** A long host operation (maintenance drains) as the API shows it. */
export interface TrackedOperation {
  id: string;
  action: string;
  target: OperationTarget;
  state: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt?: string;
  log: { at: string; message: string }[];
  result?: string;
  error?: string;
}

/** What a running operation's work gets from the tracker. */
export interface OperationContext {
  /**
   * Appends a progress line (written in order). Throws OperationLostError
   * once this replica no longer runs the operation, which stops work that
   * reports progress as it goes (a drain does, every round).
   */
  progress(message: string): void;
  /** Records facts a resume on another replica needs (merged, JSON). */
  checkpoint(facts: OperationCheckpoint): Promise<void>;
  /** Aborted when this replica loses the operation or shuts down. */
  signal: AbortSignal;
}

/** The work of an operation; its answer becomes the operation's result. */
export type OperationWork = (ctx: OperationContext) => Promise<string>;

/**
 * How a replica continues an operation another replica left, decided per
 * action; undefined when the action is not resumed (it is then marked failed
 * with its last progress).
 */
export type OperationRecovery = (
  operation: StoredOperation,
) => OperationWork | undefined;

/** The replica no longer holds the operation: another one continues it. */
export class OperationLostError extends Error {
  name = 'OperationLostError';
}

export interface OperationTrackerOptions {
  store: OperationStore;
  logger: LoggerService;
  auditor: AuditorService;
  /** This replica's name in the records. */
  replica: string;
  recover: OperationRecovery;
  /** Finished operations are deleted after this long (default 7 days). */
  keepMs?: number;
  /**
   * Takeovers after which an operation is not resumed again but marked
   * failed (default 3): work that kills every replica that resumes it must
   * not go round the fleet for ever.
   */
  maxTakeovers?: number;
}

interface Running {
  lease: OperationLease;
  abort: AbortController;
  /** Progress lines, written one after the other. */
  writes: Promise<void>;
  /** Epoch ms this replica last confirmed the lease. */
  renewedAt: number;
}

const PURGE_EVERY_MS = 60 * 60_000;

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

const isoOfMs = (ms: number) => new Date(ms).toISOString();

export function toTrackedOperation(
  operation: StoredOperation,
): TrackedOperation {
  return {
    id: operation.id,
    action: operation.action,
    target: operation.target,
    state: operation.state,
    startedAt: operation.startedAt,
    ...(operation.finishedAt && { finishedAt: operation.finishedAt }),
    log: operation.log,
    ...(operation.result !== undefined && { result: operation.result }),
    ...(operation.error !== undefined && { error: operation.error }),
  };
}

/**
 * Long operations of this replica, kept in the plugin's database so every
 * replica sees them, a repeat joins them wherever they run, and a replica
 * takes over those whose runner stopped renewing its lease (crash, kill,
 * shutdown). Each replica calls `tick()` every third of the lease: it renews
 * the leases of what it runs, takes over what others left, and now and then
 * deletes old finished operations.
 */
export class OperationTracker {
  readonly #store: OperationStore;
  readonly #logger: LoggerService;
  readonly #auditor: AuditorService;
  readonly #replica: string;
  readonly #recover: OperationRecovery;
  readonly #keepMs: number;
  readonly #maxTakeovers: number;
  readonly #running = new Map<string, Running>();
  #timer?: NodeJS.Timeout;
  #ticking?: Promise<void>;
  #stopped = false;
  #purgedAt = 0;

  constructor(options: OperationTrackerOptions) {
    this.#store = options.store;
    this.#logger = options.logger;
    this.#auditor = options.auditor;
    this.#replica = options.replica;
    this.#recover = options.recover;
    this.#keepMs = options.keepMs ?? 7 * 24 * 60 * 60_000;
    this.#maxTakeovers = options.maxTakeovers ?? 3;
  }

  /**
   * Starts `work` as a tracked operation, or joins the one already running
   * for the same action on the same host on any replica: a second
   * "maintenance on" while the node drains gets the running drain, not a
   * second drain (the database's unique claim decides).
   */
  async startOrJoin(
    input: { action: string; target: OperationTarget; startedBy: string },
    work: OperationWork,
  ): Promise<{ operation: TrackedOperation; joined: boolean }> {
    const started = await this.#store.startOrFind({
      ...input,
      runner: this.#replica,
      message: `Started by ${input.startedBy} on replica ${this.#replica}`,
    });
    if ('running' in started) {
      return { operation: toTrackedOperation(started.running), joined: true };
    }
    const operation = await this.#store.get(started.lease.id);
    this.#run(started.lease, work);
    return { operation: toTrackedOperation(operation!), joined: false };
  }

  async get(id: string): Promise<TrackedOperation | undefined> {
    const operation = await this.#store.get(id);
    return operation && toTrackedOperation(operation);
  }

  /** The operations on `target` started since `since` (ISO), newest first. */
  async forHost(
    target: OperationTarget,
    since: string,
  ): Promise<TrackedOperation[]> {
    const operations = await this.#store.listForHost(target, since);
    return operations.map(toTrackedOperation);
  }

  /** Ticks every third of the lease, the first time at once. */
  start(): void {
    const every = Math.max(50, Math.floor(this.#store.leaseMs / 3));
    this.#timer = setInterval(() => void this.#tickOnce(), every);
    this.#timer.unref();
    void this.#tickOnce();
  }

  /**
   * Shutdown: stops ticking and hands what this replica runs over (its lease
   * ends now), so another replica resumes it at its next tick instead of
   * after the lease.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#ticking;
    await Promise.all(
      [...this.#running.values()].map(async running => {
        running.abort.abort();
        await running.writes;
        await this.#store
          .release(
            running.lease,
            `Replica ${
              this.#replica
            } is shutting down; another replica takes the operation over`,
          )
          .catch(error =>
            this.#logger.warn(
              `Could not hand operation ${running.lease.id} over: ${messageOf(
                error,
              )}; another replica takes it over when its lease ends`,
            ),
          );
      }),
    );
  }

  /** One round: renew our leases, take over what others left, purge. */
  async tick(): Promise<void> {
    await this.#renew();
    if (this.#stopped) return;
    for (const taken of await this.#store.takeOverExpired(this.#replica)) {
      await this.#resume(taken);
    }
    if (Date.now() - this.#purgedAt > PURGE_EVERY_MS) {
      this.#purgedAt = Date.now();
      await this.#store.purgeFinished(
        new Date(Date.now() - this.#keepMs).toISOString(),
      );
    }
  }

  async #tickOnce(): Promise<void> {
    if (this.#ticking || this.#stopped) return;
    this.#ticking = this.tick()
      .catch(error =>
        this.#logger.warn(`Operations round failed: ${messageOf(error)}`),
      )
      .finally(() => {
        this.#ticking = undefined;
      });
    await this.#ticking;
  }

  async #renew(): Promise<void> {
    const running = [...this.#running.values()].filter(
      r => !r.abort.signal.aborted,
    );
    if (running.length === 0) return;
    try {
      const lost = new Set(
        (await this.#store.renew(running.map(r => r.lease))).map(l => l.id),
      );
      for (const r of running) {
        if (lost.has(r.lease.id)) this.#lose(r, 'another replica took it over');
        else r.renewedAt = Date.now();
      }
    } catch (error) {
      // Unable to renew: once the lease may have ended, another replica may
      // be running it, so this one must stop.
      for (const r of running) {
        if (Date.now() - r.renewedAt >= this.#store.leaseMs) {
          this.#lose(r, `its lease could not be renewed (${messageOf(error)})`);
        }
      }
      throw error;
    }
  }

  #lose(running: Running, why: string): void {
    if (running.abort.signal.aborted) return;
    running.abort.abort();
    this.#logger.warn(
      `Operation ${running.lease.id} stops on replica ${this.#replica}: ${why}`,
    );
  }

  #run(lease: OperationLease, work: OperationWork): void {
    const running: Running = {
      lease,
      abort: new AbortController(),
      writes: Promise.resolve(),
      renewedAt: Date.now(),
    };
    this.#running.set(lease.id, running);
    const { signal } = running.abort;
    const lost = () =>
      new OperationLostError(
        `Operation ${lease.id} is no longer run by replica ${this.#replica}`,
      );
    const context: OperationContext = {
      signal,
      progress: message => {
        if (signal.aborted) throw lost();
        running.writes = running.writes.then(async () => {
          try {
            if (!(await this.#store.appendLog(lease, message)))
              this.#lose(running, 'another replica took it over');
          } catch (error) {
            this.#logger.warn(
              `Could not record progress of operation ${lease.id}: ${messageOf(
                error,
              )}`,
            );
          }
        });
      },
      checkpoint: async facts => {
        if (signal.aborted) throw lost();
        await running.writes;
        if (!(await this.#store.saveCheckpoint(lease, facts))) {
          this.#lose(running, 'another replica took it over');
          throw lost();
        }
      },
    };
    void (async () => {
      let outcome:
        | { state: 'succeeded'; result: string }
        | { state: 'failed'; error: string };
      try {
        outcome = { state: 'succeeded', result: await work(context) };
      } catch (error) {
        outcome = { state: 'failed', error: messageOf(error) };
      }
      await running.writes;
      // Lost or handed over: the replica that holds it now records the end.
      if (signal.aborted) return;
      const finished = await this.#store.finish(
        lease,
        outcome,
        outcome.state === 'succeeded'
          ? outcome.result
          : `Failed: ${outcome.error}`,
      );
      if (!finished) this.#lose(running, 'another replica took it over');
    })()
      .catch(error =>
        this.#logger.error(
          `Could not record the end of operation ${lease.id}: ${messageOf(
            error,
          )}`,
        ),
      )
      .finally(() => this.#running.delete(lease.id));
  }

  /** Continues (or, when it must not, ends) an operation another replica left. */
  async #resume(taken: TakenOver): Promise<void> {
    const { lease, operation } = taken;
    const previous = taken.previousRunner ?? 'unknown';
    const how =
      taken.previousLeaseExpiredAt === 0
        ? `Replica ${previous} handed the operation over`
        : `Replica ${previous} stopped renewing its lease (it ended ${isoOfMs(
            taken.previousLeaseExpiredAt,
          )})`;
    const lastProgress = operation.log.at(-1)?.message ?? 'none';
    this.#logger.info(
      `Taking over operation ${operation.id} (${operation.action} of ${operation.target.namespace}/${operation.target.name}) from ${previous}`,
    );
    // The takeover is a write on the original caller's behalf: audited too.
    const audit = await this.#auditor.createEvent({
      eventId: 'operation-takeover',
      severityLevel: 'high',
      meta: {
        operation: operation.id,
        action: operation.action,
        ...operation.target,
        startedBy: operation.startedBy,
        previousRunner: previous,
      },
    });
    const work =
      operation.takeovers <= this.#maxTakeovers
        ? this.#recover(operation)
        : undefined;
    if (!work) {
      const why =
        operation.takeovers > this.#maxTakeovers
          ? `not resumed again after ${operation.takeovers} takeovers`
          : `${operation.action} is not resumed by another replica`;
      const error = `${how}; ${why}. Last progress: "${lastProgress}"`;
      await this.#store.finish(
        lease,
        { state: 'failed', error },
        `Failed: ${error}`,
      );
      await audit.fail({ error: new Error(error) });
      return;
    }
    if (
      !(await this.#store.appendLog(
        lease,
        `${how}; replica ${this.#replica} takes it over`,
      ))
    )
      return;
    this.#run(lease, withAudit(audit, work));
  }
}

function withAudit(
  audit: AuditorServiceEvent,
  work: OperationWork,
): OperationWork {
  return async context => {
    try {
      const result = await work(context);
      await audit.success({ meta: { result } });
      return result;
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  };
}
