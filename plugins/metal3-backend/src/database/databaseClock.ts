import { Knex } from 'knex';

/**
 * "Now plus `plusMs`" in epoch milliseconds, read from the database's clock:
 * leases are judged by one clock for every replica, whatever the clocks of
 * the machines they run on say. SQLite in development, PostgreSQL in
 * production, MySQL because Backstage supports it.
 */
export function databaseNowMs(knex: Knex, plusMs = 0): Knex.Raw {
  return knex.raw(
    `(${nowMsExpression(String(knex.client.config.client))} + ?)`,
    [Math.round(plusMs)],
  );
}

function nowMsExpression(client: string): string {
  if (client.includes('sqlite'))
    return `CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`;
  if (client.includes('mysql'))
    return 'CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)';
  return 'CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)';
}
