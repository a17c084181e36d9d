import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import {
  ApprovalImpactDto,
  ApprovalKind,
  ApprovalParametersDto,
  ApprovalState,
  approvalTargetType,
  ObjectRefDto,
} from '@metal3-fleet/plugin-metal3-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { databaseNowMs } from '../database/databaseClock';
import {
  ApprovalRow,
  approvalFromRow,
  OPEN_STATES,
  openClaimOf,
  StoredApproval,
} from './approvalRows';

const APPROVALS = 'metal3_approvals';

export interface NewApproval {
  kind: ApprovalKind;
  target: ObjectRefDto;
  parameters: ApprovalParametersDto;
  title: string;
  via: 'api' | 'task';
  taskId?: string;
  requestedBy: string;
  impact: ApprovalImpactDto;
  /** How long it may stay pending. */
  expiresAfterMs: number;
}

export type RunOutcome =
  | { state: 'succeeded'; result: string }
  | { state: 'failed'; error: string };

const now = () => new Date().toISOString();

/**
 * Approvals in the plugin's database, shared by every replica. Every change
 * of state is one conditional UPDATE naming the state it leaves, so of
 * concurrent deciders (on any replicas) exactly one changes it, and only the
 * one that moved it from approved to running runs the operation.
 */
export class ApprovalStore {
  readonly #knex: Knex;

  constructor(knex: Knex) {
    this.#knex = knex;
  }

  /**
   * Records a pending request, or returns the open one for the same kind and
   * object (a double submit, a retried task, or someone else asking too).
   */
  async create(
    input: NewApproval,
  ): Promise<{ created: StoredApproval } | { open: StoredApproval }> {
    const claim = openClaimOf(input.kind, input.target);
    // The open one can close between our failed insert and our read: then
    // the claim is free again and the next insert takes it.
    for (let attempt = 1; attempt <= 5; attempt++) {
      const id = randomUUID();
      try {
        await this.#knex(APPROVALS).insert({
          id,
          kind: input.kind,
          target_type: approvalTargetType(input.kind),
          cluster: input.target.cluster,
          namespace: input.target.namespace,
          name: input.target.name,
          parameters: JSON.stringify(input.parameters),
          title: input.title,
          via: input.via,
          task_id: input.taskId ?? null,
          open_claim: claim,
          state: 'pending',
          requested_by: input.requestedBy,
          requested_at: now(),
          expires_at: databaseNowMs(this.#knex, input.expiresAfterMs),
          impact: JSON.stringify(input.impact),
        });
        return { created: (await this.get(id))! };
      } catch (error) {
        if (!isDatabaseConflictError(error)) throw error;
      }
      const [row] = await this.#knex<ApprovalRow>(APPROVALS).where({
        open_claim: claim,
      });
      if (row) return { open: approvalFromRow(row) };
    }
    throw new Error(
      `The open ${input.kind} request of ${input.target.namespace}/${input.target.name} keeps changing; try again`,
    );
  }

  async get(id: string): Promise<StoredApproval | undefined> {
    const [row] = await this.#knex<ApprovalRow>(APPROVALS).where({ id });
    return row && approvalFromRow(row);
  }

  /** Newest first. */
  async list(
    filter: {
      states?: ApprovalState[];
      target?: ObjectRefDto;
      limit?: number;
    } = {},
  ): Promise<StoredApproval[]> {
    let query = this.#knex<ApprovalRow>(APPROVALS);
    if (filter.states?.length) query = query.whereIn('state', filter.states);
    if (filter.target) {
      query = query.where({
        cluster: filter.target.cluster,
        namespace: filter.target.namespace,
        name: filter.target.name,
      });
    }
    const rows = await query
      .orderBy('requested_at', 'desc')
      .orderBy('id', 'asc')
      .limit(filter.limit ?? 200);
    return rows.map(approvalFromRow);
  }

  /**
   * Approves or rejects a pending, unexpired request of someone else: true
   * for the one caller whose update changed it.
   */
  async decide(
    id: string,
    decision: {
      state: 'approved' | 'rejected';
      decidedBy: string;
      comment?: string;
    },
  ): Promise<boolean> {
    const updated = await this.#knex(APPROVALS)
      .where({ id, state: 'pending' })
      .andWhere('expires_at', '>', databaseNowMs(this.#knex))
      .andWhereNot('requested_by', decision.decidedBy)
      .update({
        state: decision.state,
        decided_by: decision.decidedBy,
        decided_at: now(),
        comment: decision.comment ?? null,
        ...(decision.state === 'rejected' && {
          open_claim: null,
          finished_at: now(),
        }),
      });
    return updated === 1;
  }

  /**
   * Claims the run of an approved request: true for the one caller that
   * moved it to running. A task claims only its own request.
   */
  async startRun(
    id: string,
    runner: string,
    options: { taskId?: string; decidedBefore?: string } = {},
  ): Promise<boolean> {
    let query = this.#knex(APPROVALS).where({ id, state: 'approved' });
    if (options.taskId) query = query.where({ task_id: options.taskId });
    if (options.decidedBefore)
      query = query.andWhere('decided_at', '<', options.decidedBefore);
    const updated = await query.update({
      state: 'running',
      runner,
      started_at: now(),
    });
    return updated === 1;
  }

  /** Records how the run ended; true only for the runner of a running request. */
  async finishRun(
    id: string,
    runner: string,
    outcome: RunOutcome,
  ): Promise<boolean> {
    const updated = await this.#knex(APPROVALS)
      .where({ id, state: 'running', runner })
      .update({
        state: outcome.state,
        result: outcome.state === 'succeeded' ? outcome.result : null,
        error: outcome.state === 'failed' ? outcome.error : null,
        finished_at: now(),
        open_claim: null,
      });
    return updated === 1;
  }

  /** The requester takes back a request that has not started to run. */
  async withdraw(id: string, requestedBy: string): Promise<boolean> {
    const updated = await this.#knex(APPROVALS)
      .where({ id, requested_by: requestedBy })
      .whereIn('state', ['pending', 'approved'])
      .update({ state: 'withdrawn', finished_at: now(), open_claim: null });
    return updated === 1;
  }

  /**
   * Marks pending requests whose time ran out as expired; returns those this
   * call expired (each exactly once, whichever replica looks).
   */
  async expireDue(limit = 100): Promise<StoredApproval[]> {
    const due = await this.#knex<ApprovalRow>(APPROVALS)
      .where({ state: 'pending' })
      .andWhere('expires_at', '<=', databaseNowMs(this.#knex))
      .orderBy('expires_at', 'asc')
      .limit(limit)
      .select('id');
    const expired: StoredApproval[] = [];
    for (const { id } of due) {
      const updated = await this.#knex(APPROVALS)
        .where({ id, state: 'pending' })
        .andWhere('expires_at', '<=', databaseNowMs(this.#knex))
        .update({ state: 'expired', finished_at: now(), open_claim: null });
      if (updated === 1) expired.push((await this.get(id))!);
    }
    return expired;
  }

  /** Open requests in `state` of `via`, last changed before `before` (ISO). */
  async stale(
    state: 'approved' | 'running',
    via: 'api' | 'task',
    before: string,
  ): Promise<StoredApproval[]> {
    const column = state === 'approved' ? 'decided_at' : 'started_at';
    const rows = await this.#knex<ApprovalRow>(APPROVALS)
      .where({ state, via })
      .andWhere(column, '<', before)
      .limit(100);
    return rows.map(approvalFromRow);
  }

  /**
   * Ends a request that nobody will finish (its runner or task stopped):
   * failed, with why; true for the one caller that changed it.
   */
  async abandon(
    id: string,
    from: 'approved' | 'running',
    error: string,
  ): Promise<boolean> {
    const updated = await this.#knex(APPROVALS)
      .where({ id, state: from })
      .update({
        state: 'failed',
        error,
        finished_at: now(),
        open_claim: null,
      });
    return updated === 1;
  }

  /** Deletes closed requests that ended before `before` (ISO time). */
  async purgeFinished(before: string): Promise<number> {
    return this.#knex(APPROVALS)
      .whereNotIn('state', OPEN_STATES)
      .andWhere('finished_at', '<', before)
      .delete();
  }
}
