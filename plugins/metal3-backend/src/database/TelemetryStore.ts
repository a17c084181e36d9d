import { Knex } from 'knex';
import { databaseNowMs } from './databaseClock';
import { OperationTarget } from './operationRows';

const READINGS = 'metal3_telemetry_readings';

/** What a reading keeps: a time and two numbers, nothing about the BMC. */
export interface HostReading {
  /** When the BMC was read (ISO 8601, UTC). */
  readAt: string;
  powerWatts?: number;
  /** The hottest temperature sensor. */
  temperatureCelsius?: number;
}

interface ReadingRow {
  cluster: string;
  namespace: string;
  name: string;
  slot: number;
  read_at: string;
  power_watts: number | null;
  temperature_celsius: number | null;
}

/**
 * Power and temperature readings of hosts in the plugin's database, shared
 * by every replica. One reading per host and sampling interval (`slot`):
 * the unique index drops a second one, whoever writes it.
 */
export class TelemetryStore {
  readonly #knex: Knex;

  constructor(knex: Knex) {
    this.#knex = knex;
  }

  /**
   * The slot of the interval `now` falls in, on the database's clock: every
   * replica names an interval the same way, whatever its own clock says.
   */
  async currentSlot(intervalMs: number): Promise<number> {
    const [row] = await this.#knex.select(
      this.#knex.raw('? as now', [databaseNowMs(this.#knex)]),
    );
    const now = Number((row as { now: number | string }).now);
    return now - (now % intervalMs);
  }

  /**
   * Stores the reading of `host` for `slot`; false when that slot already
   * has one (another replica, or an earlier try, sampled it).
   */
  async record(
    host: OperationTarget,
    slot: number,
    reading: HostReading,
  ): Promise<boolean> {
    const inserted = await this.#knex(READINGS)
      .insert({
        cluster: host.cluster,
        namespace: host.namespace,
        name: host.name,
        slot,
        read_at: reading.readAt,
        power_watts: reading.powerWatts ?? null,
        temperature_celsius: reading.temperatureCelsius ?? null,
      })
      .onConflict(['cluster', 'namespace', 'name', 'slot'])
      .ignore()
      .returning('id');
    return inserted.length === 1;
  }

  /** The readings of `host` from `sinceSlot` on, oldest first. */
  async readings(
    host: OperationTarget,
    sinceSlot: number,
  ): Promise<HostReading[]> {
    const rows = await this.#knex<ReadingRow>(READINGS)
      .where({
        cluster: host.cluster,
        namespace: host.namespace,
        name: host.name,
      })
      .andWhere('slot', '>=', sinceSlot)
      .orderBy('slot', 'asc')
      .select('read_at', 'power_watts', 'temperature_celsius');
    return rows.map(row => ({
      readAt: row.read_at,
      ...(row.power_watts !== null && { powerWatts: row.power_watts }),
      ...(row.temperature_celsius !== null && {
        temperatureCelsius: row.temperature_celsius,
      }),
    }));
  }

  /**
   * Deletes readings older than `maxAgeMs` (database clock), and for each
   * host all but its newest `maxPerHost`. Returns how many rows went.
   */
  async prune(options: {
    maxAgeMs: number;
    maxPerHost: number;
  }): Promise<number> {
    const knex = this.#knex;
    let deleted = await knex(READINGS)
      .where('slot', '<', databaseNowMs(knex, -options.maxAgeMs))
      .delete();
    // Hosts over the bound: a handful after a change of the interval, none
    // in a steady state, so this is one grouped read and rarely a delete.
    const over: OperationTarget[] = await knex(READINGS)
      .select('cluster', 'namespace', 'name')
      .groupBy('cluster', 'namespace', 'name')
      .having(knex.raw('count(*) > ?', [options.maxPerHost]));
    for (const host of over) {
      const target = {
        cluster: host.cluster,
        namespace: host.namespace,
        name: host.name,
      };
      const [oldestKept] = await knex(READINGS)
        .where(target)
        .orderBy('slot', 'desc')
        .offset(options.maxPerHost - 1)
        .limit(1)
        .select('slot');
      deleted += await knex(READINGS)
        .where(target)
        .andWhere('slot', '<', oldestKept.slot)
        .delete();
    }
    return deleted;
  }
}
