import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  ApprovalKind,
  ApprovalParametersDto,
  ApprovalState,
  ObjectRefDto,
} from '@metal3-fleet/plugin-metal3-common';
import {
  AuditRecord,
  Metal3ClusterService,
  openAudit,
  toCallerError,
} from '@metal3-fleet/plugin-metal3-node';
import { Request } from 'express';
import { StoredApproval } from './approvalRows';
import { ApprovalSettings } from './approvalSettings';
import { ApprovalStore } from './ApprovalStore';
import { approvalTitle, describeOutcome } from './approvalDto';
import { ApprovedRun } from './approvedRuns';
import { approvalImpact } from './impact/approvalImpact';

/** A request for a risky operation, as the REST routes and template actions make it. */
export interface ApprovalInput {
  kind: ApprovalKind;
  target: ObjectRefDto;
  parameters: ApprovalParametersDto;
  via: 'api' | 'task';
  taskId?: string;
  /** Entity ref of the person asking (or `service:<subject>`). */
  requestedBy: string;
}

/** How a decision is made: its comment, the HTTP request (for the audit record), the caller's checks. */
export interface DecisionOptions {
  comment?: string;
  request?: Request<any, any, any, any>;
  /** Permission checks of the caller, inside the audit record (denials are audited too). */
  check?: (approval: StoredApproval) => Promise<void>;
}

export interface ApprovalServiceOptions {
  store: ApprovalStore;
  settings: ApprovalSettings;
  clusters: Metal3ClusterService;
  auditor: AuditorService;
  logger: LoggerService;
  /** This replica's name, recorded as the runner of what it runs. */
  replica: string;
  /** How approved REST requests run (the write layer). */
  run: ApprovedRun;
  /** How often a replica expires and recovers requests (default 15 s). */
  sweepMs?: number;
  /** When the sweep treats a request as left behind (tests shorten them). */
  timings?: Partial<SweepTimings>;
}

export interface SweepTimings {
  /** An approved REST request not running after this long was left by a crashed replica: run it. */
  orphanedApprovalMs: number;
  /** An approved template request its task did not start within this long will not be started. */
  unclaimedTaskMs: number;
  /** A run without an outcome after this long was cut short (its replica or task stopped). */
  stalledRunMs: number;
}

const DEFAULT_TIMINGS: SweepTimings = {
  orphanedApprovalMs: 30_000,
  unclaimedTaskMs: 15 * 60_000,
  stalledRunMs: 30 * 60_000,
};
const PURGE_EVERY_MS = 60 * 60_000;

const isoAgo = (ms: number) => new Date(Date.now() - ms).toISOString();
const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/**
 * Approvals of risky operations (`metal3.approvals`): a request becomes a
 * pending row with its impact; another person approves or rejects it; an
 * approved REST request runs here once, with the requester's parameters,
 * while a template's task claims and runs its own. Pending requests expire.
 * Every step is audited. The exactly-once rules live in the store's
 * conditional updates (see ApprovalStore); this class adds who may do what
 * and the records.
 */
export class ApprovalService {
  readonly #store: ApprovalStore;
  readonly #settings: ApprovalSettings;
  readonly #clusters: Metal3ClusterService;
  readonly #auditor: AuditorService;
  readonly #logger: LoggerService;
  readonly #replica: string;
  readonly #run: ApprovedRun;
  readonly #sweepMs: number;
  readonly #timings: SweepTimings;
  #timer?: NodeJS.Timeout;
  #sweeping?: Promise<void>;
  #stopped = false;
  #purgedAt = 0;

  constructor(options: ApprovalServiceOptions) {
    this.#store = options.store;
    this.#settings = options.settings;
    this.#clusters = options.clusters;
    this.#auditor = options.auditor;
    this.#logger = options.logger;
    this.#replica = options.replica;
    this.#run = options.run;
    this.#sweepMs = options.sweepMs ?? 15_000;
    this.#timings = { ...DEFAULT_TIMINGS, ...options.timings };
  }

  /** Whether `metal3.approvals.required` lists the kind. */
  requires(kind: ApprovalKind): boolean {
    return this.#settings.required.has(kind);
  }

  /**
   * Records a pending request with its impact. The same request again (same
   * requester, same parameters; for a task, the same task) joins the open
   * one; a different open request for the same operation and object is a
   * 409 naming it, so nobody queues a second run behind the first.
   */
  async request(
    input: ApprovalInput,
  ): Promise<{ approval: StoredApproval; joined: boolean }> {
    const impact = await approvalImpact(
      this.#clusters,
      input.kind,
      input.target,
      input.parameters,
    );
    const result = await this.#store.create({
      ...input,
      title: approvalTitle(input.kind, input.target, input.parameters),
      impact,
      expiresAfterMs: this.#settings.expiresAfterMs,
    });
    if ('created' in result) return { approval: result.created, joined: false };
    const open = result.open;
    const same =
      open.requestedBy === input.requestedBy &&
      open.via === input.via &&
      (input.via === 'task'
        ? open.taskId === input.taskId
        : JSON.stringify(open.parameters) === JSON.stringify(input.parameters));
    if (same) return { approval: open, joined: true };
    throw new ConflictError(
      `${open.title} was already requested by ${open.requestedBy} and is ${open.state} (approval ${open.id}): decide that one first`,
    );
  }

  /**
   * One approval. A pending one whose time ran out is expired first (as the
   * sweep would): whoever waits for it, a task or a page, learns at once.
   */
  async get(id: string): Promise<StoredApproval> {
    let approval = await this.#store.get(id);
    if (approval && this.#due([approval])) {
      await this.#expireDue();
      approval = await this.#store.get(id);
    }
    if (!approval) throw new NotFoundError(`No approval ${id}`);
    return approval;
  }

  /** Newest first; pending ones whose time ran out are expired first. */
  async list(filter: {
    states?: ApprovalState[];
    target?: ObjectRefDto;
  }): Promise<StoredApproval[]> {
    const approvals = await this.#store.list(filter);
    if (!this.#due(approvals)) return approvals;
    await this.#expireDue();
    return this.#store.list(filter);
  }

  /** Whether a pending request's time ran out by this replica's clock. */
  #due(approvals: StoredApproval[]): boolean {
    return approvals.some(
      a => a.state === 'pending' && a.expiresAt <= Date.now(),
    );
  }

  /** Expires what is due (on the database's clock), one audit record each. */
  async #expireDue(): Promise<void> {
    for (const expired of await this.#store.expireDue()) {
      const audit = await this.#audit('approval-expire', expired);
      await audit.succeed({
        expiredAt: new Date(expired.expiresAt).toISOString(),
      });
    }
  }

  /**
   * Approves a pending request of someone else. Of concurrent approvals (on
   * any replicas) one wins; the others get a 409 saying who decided. A REST
   * request then runs here, once; a template request is left for its task.
   */
  async approve(
    id: string,
    decidedBy: string,
    options: DecisionOptions = {},
  ): Promise<StoredApproval> {
    return this.#decide(id, decidedBy, 'approved', options);
  }

  /** Rejects a pending request of someone else: nothing runs. */
  async reject(
    id: string,
    decidedBy: string,
    options: DecisionOptions = {},
  ): Promise<StoredApproval> {
    return this.#decide(id, decidedBy, 'rejected', options);
  }

  /** The requester takes a request back before it runs: nothing runs. */
  async withdraw(
    id: string,
    by: string,
    request?: Request<any, any, any, any>,
  ): Promise<StoredApproval> {
    const approval = await this.get(id);
    const audit = await this.#audit('approval-withdraw', approval, request, {
      withdrawnBy: by,
    });
    try {
      if (approval.requestedBy !== by) {
        throw new NotAllowedError(
          `Only ${approval.requestedBy}, who requested it, can withdraw ${approval.title}`,
        );
      }
      if (!(await this.#store.withdraw(id, by))) {
        throw new ConflictError(
          describeOutcome(await this.get(id), Date.now()),
        );
      }
      await audit.succeed();
      return this.get(id);
    } catch (error) {
      await audit.fail(toCallerError(error));
      throw error;
    }
  }

  /**
   * The requester's task claims the run of its approved request. A repeat
   * of the same task (a retried step) gets the same run; anything else that
   * is not an approved request of this task is a 409 saying what it is.
   */
  async startTaskRun(
    id: string,
    taskId: string,
    by: string,
    request?: Request<any, any, any, any>,
  ): Promise<StoredApproval> {
    const approval = await this.get(id);
    const runner = `task:${taskId}`;
    const audit = await this.#audit('approval-start', approval, request, {
      taskId,
    });
    try {
      if (approval.via !== 'task' || approval.taskId !== taskId) {
        throw new NotAllowedError(
          `${approval.title} was not requested by task ${taskId}`,
        );
      }
      if (approval.requestedBy !== by) {
        throw new NotAllowedError(
          `Only the task of ${approval.requestedBy}, who requested it, runs ${approval.title}`,
        );
      }
      if (!(await this.#store.startRun(id, runner, { taskId }))) {
        const current = await this.get(id);
        if (current.state !== 'running' || current.runner !== runner) {
          throw new ConflictError(describeOutcome(current, Date.now()));
        }
      }
      await audit.succeed();
      return this.get(id);
    } catch (error) {
      await audit.fail(toCallerError(error));
      throw error;
    }
  }

  /** The task that runs an approved request records how it ended. */
  async finishTaskRun(
    id: string,
    taskId: string,
    by: string,
    outcome: { outcome: 'succeeded' | 'failed'; message: string },
    request?: Request<any, any, any, any>,
  ): Promise<StoredApproval> {
    const approval = await this.get(id);
    const audit = await this.#audit('approval-finish', approval, request, {
      taskId,
      outcome: outcome.outcome,
    });
    try {
      if (approval.requestedBy !== by) {
        throw new NotAllowedError(
          `Only the task of ${approval.requestedBy} records the outcome of ${approval.title}`,
        );
      }
      const finished = await this.#store.finishRun(
        id,
        `task:${taskId}`,
        outcome.outcome === 'succeeded'
          ? { state: 'succeeded', result: outcome.message }
          : { state: 'failed', error: outcome.message },
      );
      if (!finished) {
        throw new ConflictError(
          `${approval.title} is not running in task ${taskId}: it is ${
            (await this.get(id)).state
          }`,
        );
      }
      await audit.succeed();
      return this.get(id);
    } catch (error) {
      await audit.fail(toCallerError(error));
      throw error;
    }
  }

  /** Sweeps every `sweepMs`, the first time at once. */
  start(): void {
    this.#timer = setInterval(() => void this.#sweepOnce(), this.#sweepMs);
    this.#timer.unref();
    void this.#sweepOnce();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#sweeping;
  }

  /**
   * One round: expire pending requests whose time ran out (audited once,
   * whichever replica sees them first); run approved REST requests a
   * crashed replica approved but never started; end runs and template
   * requests nobody will finish, saying why; now and then delete old
   * closed requests.
   */
  async sweep(): Promise<void> {
    await this.#expireDue();
    const { orphanedApprovalMs, unclaimedTaskMs, stalledRunMs } = this.#timings;
    for (const orphan of await this.#store.stale(
      'approved',
      'api',
      isoAgo(orphanedApprovalMs),
    )) {
      const audit = await this.#audit('approval-approve', orphan, undefined, {
        recovered: true,
      });
      await this.#runApproved(orphan, audit, isoAgo(orphanedApprovalMs));
    }
    for (const unclaimed of await this.#store.stale(
      'approved',
      'task',
      isoAgo(unclaimedTaskMs),
    )) {
      await this.#abandon(
        unclaimed,
        'approved',
        `Task ${unclaimed.taskId} did not start it within ${Math.round(
          unclaimedTaskMs / 60_000,
        )} minutes of the approval (cancelled or stopped): nothing ran`,
      );
    }
    for (const via of ['api', 'task'] as const) {
      for (const stalled of await this.#store.stale(
        'running',
        via,
        isoAgo(stalledRunMs),
      )) {
        await this.#abandon(
          stalled,
          'running',
          `${stalled.runner} started it at ${stalled.startedAt} and stopped before recording an outcome: check ${stalled.target.namespace}/${stalled.target.name} before asking again`,
        );
      }
    }
    if (Date.now() - this.#purgedAt > PURGE_EVERY_MS) {
      this.#purgedAt = Date.now();
      await this.#store.purgeFinished(isoAgo(this.#settings.keepMs));
    }
  }

  async #sweepOnce(): Promise<void> {
    if (this.#sweeping || this.#stopped) return;
    this.#sweeping = this.sweep()
      .catch(error =>
        this.#logger.warn(`Approvals round failed: ${messageOf(error)}`),
      )
      .finally(() => {
        this.#sweeping = undefined;
      });
    await this.#sweeping;
  }

  async #decide(
    id: string,
    decidedBy: string,
    state: 'approved' | 'rejected',
    options: DecisionOptions,
  ): Promise<StoredApproval> {
    const approval = await this.get(id);
    const audit = await this.#audit(
      state === 'approved' ? 'approval-approve' : 'approval-reject',
      approval,
      options.request,
      {
        decidedBy,
        ...(options.comment && { comment: options.comment }),
      },
    );
    try {
      await options.check?.(approval);
      // The database refuses it too; this says why.
      if (approval.requestedBy === decidedBy) {
        throw new NotAllowedError(
          `You requested ${
            approval.title
          }: another person with metal3.approval.decide must ${
            state === 'approved' ? 'approve' : 'reject'
          } it`,
        );
      }
      const won = await this.#store.decide(id, {
        state,
        decidedBy,
        comment: options.comment,
      });
      if (!won) {
        throw new ConflictError(
          describeOutcome(await this.get(id), Date.now()),
        );
      }
    } catch (error) {
      await audit.fail(toCallerError(error));
      throw error;
    }
    if (state === 'rejected' || approval.via === 'task') {
      await audit.succeed(
        state === 'approved' ? { runsIn: `task ${approval.taskId}` } : {},
      );
      return this.get(id);
    }
    return this.#runApproved(await this.get(id), audit);
  }

  /**
   * Runs an approved REST request if this replica wins its claim (approved →
   * running); the audit record of the approval carries the outcome.
   */
  async #runApproved(
    approval: StoredApproval,
    audit: AuditRecord,
    decidedBefore?: string,
  ): Promise<StoredApproval> {
    const claimed = await this.#store.startRun(approval.id, this.#replica, {
      decidedBefore,
    });
    if (!claimed) {
      // Withdrawn in between, or another replica's sweep runs it.
      const current = await this.get(approval.id);
      await audit.succeed({ ran: false, state: current.state });
      return current;
    }
    try {
      const result = await this.#run(approval);
      await this.#store.finishRun(approval.id, this.#replica, {
        state: 'succeeded',
        result: result.message,
      });
      await audit.succeed({ ran: true, changed: result.changed });
    } catch (error) {
      const reported = toCallerError(error);
      await this.#store.finishRun(approval.id, this.#replica, {
        state: 'failed',
        error: reported.message,
      });
      await audit.fail(reported, { ran: true });
    }
    return this.get(approval.id);
  }

  async #abandon(
    approval: StoredApproval,
    from: 'approved' | 'running',
    why: string,
  ): Promise<void> {
    if (!(await this.#store.abandon(approval.id, from, why))) return;
    this.#logger.warn(`Approval ${approval.id}: ${why}`);
    const audit = await this.#audit('approval-abandon', approval);
    await audit.fail(new Error(why));
  }

  /** One audit record about `approval`: who asked, what, on what. */
  #audit(
    eventId: string,
    approval: StoredApproval,
    request?: Request<any, any, any, any>,
    meta: Record<string, string | boolean> = {},
  ): Promise<AuditRecord> {
    return openAudit(this.#auditor, {
      eventId,
      severityLevel: 'high',
      ...(request && { request }),
      meta: {
        approval: approval.id,
        kind: approval.kind,
        ...approval.target,
        requestedBy: approval.requestedBy,
        parameters: { ...approval.parameters },
        ...(approval.decidedBy && { decidedBy: approval.decidedBy }),
        ...meta,
      },
    });
  }
}
