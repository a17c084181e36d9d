import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { databaseNowMs } from '../database/databaseClock';

const LEASES = 'metal3_fleet_lease';

interface LeaseRow {
  name: string;
  holder: string;
  generation: number | string;
  expires_at: number | string;
}

/**
 * A job one replica does at a time (sending fleet notifications, sweeping
 * BMCs for metrics), held through a lease in the plugin's database: the
 * holder renews it; when it lapses (the replica died, hung or lost the
 * database) one other replica takes it over with a conditional update.
 * Times are the database's clock, so replicas whose clocks differ agree.
 *
 * Why a lease rather than every replica acting on its own events: replicas
 * see changes at different moments (one may be relisting minutes behind),
 * and a lagging replica would take an old "host entered error" for a new
 * one after another replica saw it clear. One writer compares the fleet with
 * what the database says it already acted on, so nothing is sent twice, and
 * a new holder catches up on what changed during the handover.
 */
export class FleetLease {
  readonly #knex: Knex;
  readonly #name: string;
  readonly #holder: string;
  readonly #leaseMs: number;
  #generation?: number;
  /** Local time until which the lease is surely ours (measured before the renewal). */
  #validUntil = 0;

  constructor(
    knex: Knex,
    options: { name: string; holder: string; leaseMs: number },
  ) {
    this.#knex = knex;
    this.#name = options.name;
    this.#holder = options.holder;
    this.#leaseMs = options.leaseMs;
  }

  get leaseMs(): number {
    return this.#leaseMs;
  }

  /** Whether this replica holds the lease now, as far as it knows. */
  held(): boolean {
    return this.#generation !== undefined && Date.now() < this.#validUntil;
  }

  /** Renews the lease, or takes it when it is free or lapsed; whether it is ours. */
  async hold(): Promise<boolean> {
    const started = Date.now();
    if (this.#generation !== undefined) {
      const renewed = await this.#knex(LEASES)
        .where({
          name: this.#name,
          holder: this.#holder,
          generation: this.#generation,
        })
        .update({ expires_at: databaseNowMs(this.#knex, this.#leaseMs) });
      if (renewed === 1) {
        this.#validUntil = started + this.#leaseMs;
        return true;
      }
      this.#generation = undefined;
    }
    try {
      await this.#knex(LEASES).insert({
        name: this.#name,
        holder: this.#holder,
        generation: 1,
        expires_at: databaseNowMs(this.#knex, this.#leaseMs),
      });
      this.#generation = 1;
      this.#validUntil = started + this.#leaseMs;
      return true;
    } catch (error) {
      if (!isDatabaseConflictError(error)) throw error;
    }
    const [row] = await this.#knex<LeaseRow>(LEASES)
      .where({ name: this.#name })
      .andWhere('expires_at', '<', databaseNowMs(this.#knex));
    if (!row) return false;
    const generation = Number(row.generation);
    const taken = await this.#knex(LEASES)
      .where({ name: this.#name, generation })
      .andWhere('expires_at', '<', databaseNowMs(this.#knex))
      .update({
        holder: this.#holder,
        generation: generation + 1,
        expires_at: databaseNowMs(this.#knex, this.#leaseMs),
      });
    if (taken !== 1) return false;
    this.#generation = generation + 1;
    this.#validUntil = started + this.#leaseMs;
    return true;
  }

  /**
   * Runs `write` in a transaction that first confirms the lease is still
   * ours (a conditional update of its row, which on PostgreSQL also locks it
   * until the commit, so no takeover slips in between); undefined, and
   * nothing written, when it is not.
   */
  async asHolder<T>(
    write: (tx: Knex.Transaction) => Promise<T>,
  ): Promise<T | undefined> {
    const generation = this.#generation;
    if (generation === undefined) return undefined;
    return this.#knex.transaction(async tx => {
      const confirmed = await tx(LEASES)
        .where({ name: this.#name, holder: this.#holder, generation })
        .update({ holder: this.#holder });
      if (confirmed !== 1) {
        this.#generation = undefined;
        return undefined;
      }
      return write(tx);
    });
  }

  /** Gives the lease up now (shutdown): another replica takes it at its next try. */
  async release(): Promise<void> {
    const generation = this.#generation;
    this.#generation = undefined;
    if (generation === undefined) return;
    await this.#knex(LEASES)
      .where({ name: this.#name, holder: this.#holder, generation })
      .update({ expires_at: 0 });
  }
}
