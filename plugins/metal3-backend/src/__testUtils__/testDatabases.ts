import knexFactory, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root, for scripts/pg-temp.mjs. */
const REPO_ROOT = resolve(__dirname, '../../../..');

interface PostgresServer {
  url: string;
  stop(): void;
}

let server: Promise<PostgresServer | undefined> | undefined;

/**
 * Whether this machine can run PostgreSQL for the tests: `PG_TEST_URL` (set
 * by scripts/test.sh) or Debian's binaries for scripts/pg-temp.mjs.
 */
export function postgresAvailable(): boolean {
  if (process.env.PG_TEST_URL || process.env.PG_BIN) return true;
  const debian = '/usr/lib/postgresql';
  return (
    existsSync(debian) &&
    readdirSync(debian).some(v => existsSync(join(debian, v, 'bin', 'initdb')))
  );
}

/** Says, once per test file, why the PostgreSQL cases do not run. */
export function warnPostgresSkipped(what: string): void {
  // eslint-disable-next-line no-console
  console.warn(
    `${what} on PostgreSQL skipped: PG_TEST_URL is unset and there is no initdb under /usr/lib/postgresql (scripts/test.sh provides PG_TEST_URL; scripts/system-packages.sh installs PostgreSQL)`,
  );
}

/**
 * An administrator's URL of a PostgreSQL server: `PG_TEST_URL`, else a
 * throwaway server of scripts/pg-temp.mjs for this test file, stopped by
 * `stopPostgres`.
 */
export async function postgresAdminUrl(): Promise<string> {
  if (process.env.PG_TEST_URL) return process.env.PG_TEST_URL;
  server ??= import(join(REPO_ROOT, 'scripts/pg-temp.mjs')).then(m =>
    m.startTempPostgres(),
  );
  const started = await server;
  if (!started) throw new Error('PostgreSQL could not be started');
  return started.url;
}

/** Stops the server `postgresAdminUrl` started, if it did. */
export async function stopPostgres(): Promise<void> {
  const started = await server;
  server = undefined;
  started?.stop();
}

/** A database of its own on the test server, dropped by `drop`. */
export async function freshPostgresDatabase(): Promise<{
  knex: Knex;
  connection: { host: string; port: number; user: string; password: string };
  drop(): Promise<void>;
}> {
  const url = new URL(await postgresAdminUrl());
  const connection = {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
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
