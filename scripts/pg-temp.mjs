// A throwaway PostgreSQL server for tests and benchmarks: initdb in a
// temporary folder, a free port on 127.0.0.1, a generated password, no
// durability (fsync off: the data dies with the folder), stopped and removed
// at the end.
//
// As a module (the production end-to-end test, benchmarks):
//   import { startTempPostgres } from '<repo>/scripts/pg-temp.mjs';
//   const pg = await startTempPostgres();  // { url, host, port, user, password, dir, stop() }
// From a shell (scripts/test.sh), the server outlives the command:
//   eval "$(node scripts/pg-temp.mjs start)"   # exports PG_TEST_URL and PG_TEST_DIR
//   node scripts/pg-temp.mjs stop "$PG_TEST_DIR"
//
// PostgreSQL refuses to run as root: as root, the server runs as the
// `postgres` user the Debian package creates (runuser), in a folder it owns.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const USER = 'portal';

/** The folder of initdb, pg_ctl and postgres: $PG_BIN, else Debian's newest. */
export function postgresBinDir() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian)
    ? readdirSync(debian)
        .filter(v => existsSync(join(debian, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL is not installed: no initdb under /usr/lib/postgresql/*/bin (Debian package postgresql; scripts/system-packages.sh installs it) and PG_BIN is not set',
    );
  }
  return join(debian, versions[0], 'bin');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL tool, as `postgres` when we are root. */
function run(bin, args, { owner }) {
  const [command, fullArgs] =
    owner === 'postgres'
      ? ['runuser', ['-u', 'postgres', '--', bin, ...args]]
      : [bin, args];
  const result = spawnSync(command, fullArgs, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `${bin.split('/').pop()} failed (${result.status}): ${
        result.stderr || result.stdout
      }`.trim(),
    );
  }
  return result.stdout;
}

/** Starts a server; resolves once it accepts connections. */
export async function startTempPostgres() {
  const bin = postgresBinDir();
  const owner = userInfo().uid === 0 ? 'postgres' : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'pg-temp-'));
  const data = join(dir, 'data');
  const password = randomBytes(18).toString('base64url');
  const passwordFile = join(dir, 'password');
  writeFileSync(passwordFile, password, { mode: 0o600 });
  if (owner) {
    execFileSync('chown', ['-R', 'postgres:postgres', dir]);
    chmodSync(dir, 0o700);
  }
  run(
    join(bin, 'initdb'),
    [
      '-D',
      data,
      '-U',
      USER,
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--no-sync',
    ],
    { owner },
  );
  rmSync(passwordFile);
  // A port can be taken between the probe and the start: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      run(
        join(bin, 'pg_ctl'),
        [
          'start',
          '-D',
          data,
          '-w',
          '-t',
          '60',
          '-l',
          join(dir, 'server.log'),
          '-o',
          // Loopback only, the socket in our folder, and no durability: a
          // test database is thrown away, so fsync is wasted time.
          `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
        ],
        { owner },
      );
      const url = `postgresql://${USER}:${password}@127.0.0.1:${port}/postgres`;
      return {
        url,
        host: '127.0.0.1',
        port,
        user: USER,
        password,
        dir,
        stop: () => stopTempPostgres(dir),
      };
    } catch (error) {
      if (attempt >= 3) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
}

/** Stops the server of `dir` (if running) and removes the folder. */
export function stopTempPostgres(dir) {
  const data = join(dir, 'data');
  if (existsSync(join(data, 'postmaster.pid'))) {
    const owner = userInfo().uid === 0 ? 'postgres' : undefined;
    run(
      join(postgresBinDir(), 'pg_ctl'),
      ['stop', '-D', data, '-m', 'immediate', '-w'],
      { owner },
    );
  }
  rmSync(dir, { recursive: true, force: true });
}

/** `PG_TEST_URL` (as `startTempPostgres` returns it) split into its parts. */
export function parsePostgresUrl(url) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

/**
 * Drops the databases whose names start with `prefix`: what test backends
 * configured with `backend.database.prefix` created on a shared server
 * (`PG_TEST_URL`). The password goes through the environment, not argv.
 */
export function dropDatabases(url, prefix) {
  if (!/^[a-z][a-z0-9_]*$/.test(prefix)) {
    throw new Error(`dropDatabases: prefix "${prefix}" is not [a-z][a-z0-9_]*`);
  }
  const { host, port, user, password } = parsePostgresUrl(url);
  const psql = sql => {
    const result = spawnSync(
      join(postgresBinDir(), 'psql'),
      [
        '-h',
        host,
        '-p',
        String(port),
        '-U',
        user,
        '-d',
        'postgres',
        '-At',
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        sql,
      ],
      { encoding: 'utf8', env: { ...process.env, PGPASSWORD: password } },
    );
    if (result.status !== 0) {
      throw new Error(
        `psql failed (${result.status}): ${result.stderr}`.trim(),
      );
    }
    return result.stdout;
  };
  const names = psql(
    `SELECT datname FROM pg_database WHERE starts_with(datname, '${prefix}')`,
  )
    .split('\n')
    .filter(Boolean);
  for (const name of names) {
    psql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  return names;
}

async function main([command, dir]) {
  if (command === 'start') {
    const pg = await startTempPostgres();
    // Shell-quoted: the password is base64url, the dir a plain path.
    console.log(`export PG_TEST_URL='${pg.url}'`);
    console.log(`export PG_TEST_DIR='${pg.dir}'`);
    return;
  }
  if (command === 'stop' && dir) {
    stopTempPostgres(dir);
    return;
  }
  console.error(
    'usage: node scripts/pg-temp.mjs start | stop DIR  (start prints export lines for eval)',
  );
  process.exit(2);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch(error => {
    console.error(`pg-temp: ${error.message}`);
    process.exit(1);
  });
}
