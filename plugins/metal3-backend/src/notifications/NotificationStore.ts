import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { FleetCondition } from '../fleetEvents/types';

const CONDITIONS = 'metal3_fleet_conditions';
const BASELINES = 'metal3_fleet_baselines';
const SENT = 'metal3_notifications_sent';

/** A condition the notifier has recorded (migrations/20261210120000_fleet_events.js). */
export interface RecordedCondition {
  key: string;
  kind: string;
  cluster: string;
  enteredAt: string;
  /** Unset while its notification is still to be sent (or retried). */
  notifiedAt?: string;
}

interface ConditionRow {
  key: string;
  kind: string;
  cluster: string;
  entered_at: string;
  notified_at: string | null;
}

const now = () => new Date().toISOString();

const fromRow = (row: ConditionRow): RecordedCondition => ({
  key: row.key,
  kind: row.kind,
  cluster: row.cluster,
  enteredAt: row.entered_at,
  ...(row.notified_at && { notifiedAt: row.notified_at }),
});

/**
 * What the notifier has acted on, in the plugin's database so that every
 * replica (and the next holder of the notifier's lease) knows it. The writes
 * that decide something run inside the lease holder's transaction.
 */
export class NotificationStore {
  readonly #knex: Knex;

  constructor(knex: Knex) {
    this.#knex = knex;
  }

  async conditionsOf(
    cluster: string,
    db: Knex = this.#knex,
  ): Promise<Map<string, RecordedCondition>> {
    const rows = await db<ConditionRow>(CONDITIONS).where({ cluster });
    return new Map(rows.map(row => [row.key, fromRow(row)]));
  }

  /** When the baseline of a scope (`cluster:<name>`, `operations`) was taken, if it was. */
  async baselineOf(scope: string, db: Knex = this.#knex) {
    const [row] = await db(BASELINES).where({ scope }).select('recorded_at');
    return row?.recorded_at as string | undefined;
  }

  async recordBaseline(scope: string, tx: Knex.Transaction): Promise<string> {
    const at = now();
    await tx(BASELINES).insert({ scope, recorded_at: at });
    return at;
  }

  /**
   * Records conditions that entered (`notified`: recorded as already known,
   * for a baseline or a kind that is switched off) and forgets the ones that
   * cleared, in the lease holder's transaction.
   */
  async record(
    tx: Knex.Transaction,
    changes: {
      entered: FleetCondition[];
      notified: boolean;
      cleared: string[];
    },
  ): Promise<void> {
    const at = now();
    for (const condition of changes.entered) {
      await tx(CONDITIONS).insert({
        key: condition.key,
        kind: condition.kind,
        cluster: condition.subject.cluster,
        entered_at: at,
        notified_at: changes.notified ? at : null,
      });
    }
    if (changes.cleared.length > 0) {
      await tx(CONDITIONS).whereIn('key', changes.cleared).delete();
    }
  }

  /** Marks a condition's notification as sent. */
  async markNotified(key: string): Promise<void> {
    await this.#knex(CONDITIONS)
      .where({ key })
      .whereNull('notified_at')
      .update({ notified_at: now() });
  }

  /**
   * Claims a one-shot notification (an operation or a task that finished):
   * true for exactly one caller, whichever replica it runs on.
   */
  async claimOnce(key: string): Promise<boolean> {
    try {
      await this.#knex(SENT).insert({ key, claimed_at: now() });
      return true;
    } catch (error) {
      if (isDatabaseConflictError(error)) return false;
      throw error;
    }
  }

  /** Gives a claim back (its send failed): the next pass claims it again. */
  async unclaim(key: string): Promise<void> {
    await this.#knex(SENT).where({ key }).delete();
  }

  /** Which of these one-shot keys are claimed already. */
  async claimed(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.#knex(SENT).whereIn('key', keys).select('key');
    return new Set(rows.map((r: { key: string }) => r.key));
  }

  /** Forgets one-shot claims older than `before` (ISO): their subjects are gone by then. */
  async purgeClaims(before: string): Promise<number> {
    return this.#knex(SENT).where('claimed_at', '<', before).delete();
  }
}
