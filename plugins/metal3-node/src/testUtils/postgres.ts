import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PostgreSQL for the tests that need one (docs/development.md): the server
 * scripts/test.sh starts (`PG_TEST_URL`), else a throwaway one of
 * scripts/pg-temp.mjs for the test file.
 */

/** scripts/pg-temp.mjs, two folders above this package. */
const PG_TEMP = () =>
  resolvePackagePath(
    '@metal3-fleet/plugin-metal3-node',
    '../../scripts/pg-temp.mjs',
  );

interface PostgresServer {
  url: string;
  stop(): void;
}

let server: Promise<PostgresServer> | undefined;

/** Whether this machine can give the tests a PostgreSQL server. */
export function postgresAvailable(): boolean {
  if (process.env.PG_TEST_URL || process.env.PG_BIN) return true;
  const debian = '/usr/lib/postgresql';
  return (
    existsSync(debian) &&
    readdirSync(debian).some(v => existsSync(join(debian, v, 'bin', 'initdb')))
  );
}

/** Says, once per test file, why its PostgreSQL cases do not run. */
export function warnPostgresSkipped(what: string): void {
  // eslint-disable-next-line no-console
  console.warn(
    `${what} on PostgreSQL skipped: PG_TEST_URL is unset and there is no initdb under /usr/lib/postgresql (scripts/test.sh provides PG_TEST_URL; scripts/system-packages.sh installs PostgreSQL)`,
  );
}

/** An administrator's URL: `PG_TEST_URL`, else a server started for this test file. */
export async function postgresAdminUrl(): Promise<string> {
  if (process.env.PG_TEST_URL) return process.env.PG_TEST_URL;
  server ??= import(PG_TEMP()).then(m => m.startTempPostgres());
  return (await server).url;
}

/**
 * Drops the databases test backends made on the test server with
 * `backendDatabaseConfig(url, prefix)` (named `<prefix><plugin>`).
 */
export async function dropTestDatabases(prefix: string): Promise<string[]> {
  const { dropDatabases } = await import(PG_TEMP());
  return dropDatabases(await postgresAdminUrl(), prefix);
}

/** Stops the server `postgresAdminUrl` started, if it did. */
export async function stopPostgres(): Promise<void> {
  const started = server;
  server = undefined;
  (await started)?.stop();
}

/** `backend.database` for test backends on that server, in databases named `<prefix><plugin>`. */
export function backendDatabaseConfig(adminUrl: string, prefix: string) {
  const url = new URL(adminUrl);
  return {
    client: 'pg',
    connection: {
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    },
    prefix,
  };
}
