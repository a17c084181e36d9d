import {
  backendDatabaseConfig,
  postgresAdminUrl,
  postgresAvailable,
  warnPostgresSkipped,
} from '@metal3-fleet/plugin-metal3-node/testUtils';
import knexFactory, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';

export {
  postgresAvailable,
  stopPostgres,
} from '@metal3-fleet/plugin-metal3-node/testUtils';

/** A database of its own on the test server, dropped by `drop`. */
export async function freshPostgresDatabase(): Promise<{
  knex: Knex;
  connection: { host: string; port: number; user: string; password: string };
  drop(): Promise<void>;
}> {
  const { connection } = backendDatabaseConfig(await postgresAdminUrl(), '');
  const name = `metal3_test_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({
    client: 'pg',
    connection: { ...connection, database: 'postgres' },
  });
  await admin.raw('CREATE DATABASE ??', [name]);
  const knex = knexFactory({
    client: 'pg',
    connection: { ...connection, database: name },
  });
  return {
    knex,
    connection,
    async drop() {
      await knex.destroy();
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await admin.destroy();
    },
  };
}

/** An empty SQLite database in memory, as `yarn start` uses. */
export function freshSqliteDatabase(): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
}

/**
 * The databases a suite runs on: SQLite always, PostgreSQL when the machine
 * has it (else a warning says why it is left out).
 */
export function databasesUnderTest(what: string): DatabaseKind[] {
  if (postgresAvailable()) return ['SQLite', 'PostgreSQL'];
  warnPostgresSkipped(what);
  return ['SQLite'];
}

export type DatabaseKind = 'SQLite' | 'PostgreSQL';

/** A fresh database of `kind`, and how to get rid of it. */
export async function freshDatabase(
  kind: DatabaseKind,
): Promise<{ knex: Knex; drop(): Promise<void> }> {
  if (kind === 'PostgreSQL') return freshPostgresDatabase();
  const knex = freshSqliteDatabase();
  return { knex, drop: () => knex.destroy() };
}
