import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { databaseNowMs } from './databaseClock';
import {
  claimOf,
  OperationCheckpoint,
  OperationLease,
  OperationLogLine,
  OperationRow,
  OperationTarget,
  operationFromRows,
  StoredOperation,
} from './operationRows';

const OPERATIONS = 'metal3_operations';
const LOG = 'metal3_operation_log';

export interface NewOperation {
  action: string;
  target: OperationTarget;
  startedBy: string;
  /** The replica that runs it. */
  runner: string;
  /** The first line of its log. */
  message: string;
}

/** An operation this replica has just taken over, and whose lease ran out. */
export interface TakenOver {
  lease: OperationLease;
  operation: StoredOperation;
  previousRunner?: string;
  /** Epoch ms (database clock) the previous lease ended; 0 for a handover. */
  previousLeaseExpiredAt: number;
}

const now = () => new Date().toISOString();

/**
 * Long host operations in the plugin's database, shared by every replica.
 *
 * Exactly-once rules:
 * - one running operation per action and host: the insert carries a unique
 *   `claim`; the loser of a race reads the winner's operation and joins it;
 * - a replica writes to an operation only while it holds the lease: every
 *   write is conditional on (runner, generation, running) in the same
 *   transaction, so after a takeover the old runner's writes change nothing;
 * - a takeover is one conditional UPDATE on an expired lease: of replicas
 *   sweeping at once, exactly one gets it.
 */
export class OperationStore {
  readonly #knex: Knex;
  readonly #leaseMs: number;

  constructor(knex: Knex, options: { leaseMs: number }) {
    this.#knex = knex;
    this.#leaseMs = options.leaseMs;
  }

  get leaseMs(): number {
    return this.#leaseMs;
  }

  /**
   * Records a new running operation held by `input.runner`, or, when the
   * same action already runs on that host (on any replica), returns that one.
   */
  async startOrFind(
    input: NewOperation,
  ): Promise<{ lease: OperationLease } | { running: StoredOperation }> {
    const claim = claimOf(input.action, input.target);
    // The running one can end between our failed insert and our read: then
    // the claim is free again and the next insert takes it.
    for (let attempt = 1; attempt <= 5; attempt++) {
      const id = randomUUID();
      try {
        await this.#knex.transaction(async tx => {
          await tx(OPERATIONS).insert({
            id,
            action: input.action,
            cluster: input.target.cluster,
            namespace: input.target.namespace,
            name: input.target.name,
            claim,
            state: 'running',
            started_by: input.startedBy,
            started_at: now(),
            runner: input.runner,
            lease_generation: 1,
            lease_expires_at: databaseNowMs(tx, this.#leaseMs),
            takeovers: 0,
          });
          await tx(LOG).insert({
            operation_id: id,
            at: now(),
            message: input.message,
          });
        });
        return { lease: { id, runner: input.runner, generation: 1 } };
      } catch (error) {
        if (!isDatabaseConflictError(error)) throw error;
      }
      const [row] = await this.#knex<OperationRow>(OPERATIONS)
        .where({ claim })
        .select('id');
      const running = row && (await this.get(row.id));
      if (running?.state === 'running') return { running };
    }
    throw new ConflictError(
      `${input.action} of ${input.target.namespace}/${input.target.name} in cluster ${input.target.cluster} keeps starting and ending; try again`,
    );
  }

  async get(id: string): Promise<StoredOperation | undefined> {
    const [row] = await this.#knex<OperationRow>(OPERATIONS).where({ id });
    if (!row) return undefined;
    const log = await this.#knex(LOG)
      .where({ operation_id: id })
      .orderBy('id', 'asc')
      .select<OperationLogLine[]>('at', 'message');
    return operationFromRows(row, log);
  }

  /**
   * The operations on one host that started at or after `since` (ISO),
   * newest first, at most `limit`: the host page's timeline.
   */
  async listForHost(
    target: OperationTarget,
    since: string,
    limit = 50,
  ): Promise<StoredOperation[]> {
    const rows = await this.#knex<OperationRow>(OPERATIONS)
      .where(target)
      .andWhere('started_at', '>=', since)
      .orderBy('started_at', 'desc')
      .limit(limit)
      .select('id');
    const operations = await Promise.all(rows.map(row => this.get(row.id)));
    return operations.filter((o): o is StoredOperation => Boolean(o));
  }

  /** Appends a log line; false (nothing written) once the lease is not ours. */
  appendLog(lease: OperationLease, message: string): Promise<boolean> {
    return this.#asHolder(lease, async tx => {
      await tx(LOG).insert({ operation_id: lease.id, at: now(), message });
    });
  }

  /** Merges facts into the checkpoint; false once the lease is not ours. */
  saveCheckpoint(
    lease: OperationLease,
    facts: OperationCheckpoint,
  ): Promise<boolean> {
    return this.#asHolder(lease, async tx => {
      const [row] = await tx<OperationRow>(OPERATIONS)
        .where({ id: lease.id })
        .select('checkpoint');
      const merged = { ...JSON.parse(row?.checkpoint || '{}'), ...facts };
      await tx(OPERATIONS)
        .where({ id: lease.id })
        .update({ checkpoint: JSON.stringify(merged) });
    });
  }

  /** Extends the leases; returns the ones that are no longer ours. */
  async renew(leases: OperationLease[]): Promise<OperationLease[]> {
    const lost: OperationLease[] = [];
    for (const lease of leases) {
      const updated = await this.#held(this.#knex, lease).update({
        lease_expires_at: databaseNowMs(this.#knex, this.#leaseMs),
      });
      if (updated !== 1) lost.push(lease);
    }
    return lost;
  }

  /**
   * Ends the operation with its outcome and frees its claim (a new request
   * for that host starts a new operation); false once the lease is not ours.
   */
  finish(
    lease: OperationLease,
    outcome:
      | { state: 'succeeded'; result: string }
      | { state: 'failed'; error: string },
    message: string,
  ): Promise<boolean> {
    return this.#asHolder(lease, async tx => {
      await tx(LOG).insert({ operation_id: lease.id, at: now(), message });
      await tx(OPERATIONS)
        .where({ id: lease.id })
        .update({
          state: outcome.state,
          result: outcome.state === 'succeeded' ? outcome.result : null,
          error: outcome.state === 'failed' ? outcome.error : null,
          finished_at: now(),
          claim: null,
          lease_expires_at: null,
        });
    });
  }

  /**
   * Gives the operation up at once (a replica shutting down): its lease ends
   * now, so the next sweep of any replica takes it over.
   */
  release(lease: OperationLease, message: string): Promise<boolean> {
    return this.#asHolder(lease, async tx => {
      await tx(LOG).insert({ operation_id: lease.id, at: now(), message });
      await tx(OPERATIONS).where({ id: lease.id }).update({
        lease_expires_at: 0,
      });
    });
  }

  /**
   * Takes over running operations whose lease ran out (their replica died,
   * hung or handed them over), at most `limit` per call. A conditional
   * update per operation: of replicas sweeping at once, one gets each.
   */
  async takeOverExpired(runner: string, limit = 10): Promise<TakenOver[]> {
    const expired = await this.#knex<OperationRow>(OPERATIONS)
      .where({ state: 'running' })
      .andWhere('lease_expires_at', '<', databaseNowMs(this.#knex))
      .orderBy('lease_expires_at', 'asc')
      .limit(limit)
      .select('id', 'runner', 'lease_generation', 'lease_expires_at');
    const taken: TakenOver[] = [];
    for (const row of expired) {
      const generation = Number(row.lease_generation);
      const updated = await this.#knex(OPERATIONS)
        .where({ id: row.id, state: 'running', lease_generation: generation })
        .andWhere('lease_expires_at', '<', databaseNowMs(this.#knex))
        .update({
          runner,
          lease_generation: generation + 1,
          lease_expires_at: databaseNowMs(this.#knex, this.#leaseMs),
          takeovers: this.#knex.raw('takeovers + 1'),
        });
      if (updated !== 1) continue;
      const operation = await this.get(row.id);
      if (!operation) continue;
      taken.push({
        lease: { id: row.id, runner, generation: generation + 1 },
        operation,
        previousRunner: row.runner ?? undefined,
        previousLeaseExpiredAt: Number(row.lease_expires_at),
      });
    }
    return taken;
  }

  /**
   * Operations that ended at or after `since` (ISO), oldest first, without
   * their logs: what the notifier tells their starters about.
   */
  async finishedSince(since: string, limit = 100): Promise<StoredOperation[]> {
    const rows = await this.#knex<OperationRow>(OPERATIONS)
      .whereNotNull('finished_at')
      .andWhere('finished_at', '>=', since)
      .orderBy('finished_at', 'asc')
      .limit(limit);
    return rows.map(row => operationFromRows(row, []));
  }

  /** How many operations are in each action and state (kept ones included): a metric. */
  async countByState(): Promise<
    { action: string; state: string; count: number }[]
  > {
    const rows = await this.#knex(OPERATIONS)
      .select('action', 'state')
      .count({ count: '*' })
      .groupBy('action', 'state');
    return rows.map((row: any) => ({
      action: String(row.action),
      state: String(row.state),
      count: Number(row.count),
    }));
  }

  /** Deletes operations that ended before `before` (ISO time), with their logs. */
  async purgeFinished(before: string): Promise<number> {
    let deleted = 0;
    await this.#knex.transaction(async tx => {
      const ended = tx(OPERATIONS)
        .select('id')
        .whereNotNull('finished_at')
        .andWhere('finished_at', '<', before);
      await tx(LOG).whereIn('operation_id', ended).delete();
      deleted = await tx(OPERATIONS)
        .whereNotNull('finished_at')
        .andWhere('finished_at', '<', before)
        .delete();
    });
    return deleted;
  }

  #held(knex: Knex, lease: OperationLease) {
    return knex(OPERATIONS).where({
      id: lease.id,
      runner: lease.runner,
      lease_generation: lease.generation,
      state: 'running',
    });
  }

  /**
   * Runs `write` in a transaction that first confirms, with a conditional
   * update of the operation's row, that `lease` still holds it. On
   * PostgreSQL that update locks the row until the commit, so a takeover
   * cannot slip in between the check and the write; SQLite runs one writing
   * transaction at a time anyway.
   */
  async #asHolder(
    lease: OperationLease,
    write: (tx: Knex.Transaction) => Promise<void>,
  ): Promise<boolean> {
    return this.#knex.transaction(async tx => {
      const held = await this.#held(tx, lease).update({ runner: lease.runner });
      if (held !== 1) return false;
      await write(tx);
      return true;
    });
  }
}
