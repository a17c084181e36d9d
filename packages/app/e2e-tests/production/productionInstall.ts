import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, REPORT_DIR } from './processes';

const DIST = join(REPO_ROOT, 'packages/backend/dist');

function run(command: string, args: string[], cwd: string, log: string) {
  mkdirSync(REPORT_DIR, { recursive: true });
  try {
    execFileSync(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    writeFileSync(
      join(REPORT_DIR, log),
      `${e.stdout ?? ''}\n${e.stderr ?? ''}`,
    );
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd}; see ${join(
        REPORT_DIR,
        log,
      )}`,
    );
  }
}

/**
 * `yarn build:backend`: the backend bundle and the frontend it serves
 * (packages/backend/dist/{skeleton,bundle}.tar.gz), what the Dockerfile
 * copies. PRODUCTION_E2E_REUSE_BUILD=1 keeps an existing build (local reruns).
 */
export function buildBackendBundle() {
  if (
    process.env.PRODUCTION_E2E_REUSE_BUILD === '1' &&
    existsSync(join(DIST, 'bundle.tar.gz'))
  ) {
    return;
  }
  run('yarn', ['build:backend'], REPO_ROOT, 'build.log');
}

/**
 * A production-only install of the bundle in a folder laid out like the
 * image's /app (packages/backend/Dockerfile, same steps): the skeleton, then
 * `yarn workspaces focus --all --production`, then the bundle, the configs
 * and the catalog files the production config points to. Nothing of the
 * development install is reachable from there: a missing production
 * dependency fails the start, as it would in the image.
 *
 * The dependency install (about 1.5 minutes: native modules build) is kept
 * under node_modules/.cache/production-install/<hash of skeleton and
 * yarn.lock> and reused while those are unchanged.
 */
export function installProductionBundle(): string {
  const skeleton = join(DIST, 'skeleton.tar.gz');
  const key = createHash('sha256')
    .update(readFileSync(skeleton))
    .update(readFileSync(join(REPO_ROOT, 'yarn.lock')))
    .update(readFileSync(join(REPO_ROOT, 'package.json')))
    .digest('hex')
    .slice(0, 16);
  const cache = join(REPO_ROOT, 'node_modules/.cache/production-install');
  const dir = join(cache, key);
  if (!existsSync(join(dir, '.installed'))) {
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const file of ['.yarnrc.yml', 'backstage.json', 'yarn.lock']) {
      cpSync(join(REPO_ROOT, file), join(dir, file));
    }
    cpSync(join(REPO_ROOT, 'package.json'), join(dir, 'package.json'));
    cpSync(join(REPO_ROOT, '.yarn/releases'), join(dir, '.yarn/releases'), {
      recursive: true,
    });
    run('tar', ['xzf', skeleton], dir, 'install.log');
    run(
      'yarn',
      ['workspaces', 'focus', '--all', '--production'],
      dir,
      'install.log',
    );
    writeFileSync(join(dir, '.installed'), key);
  }
  // The bundle and the files change more often than the dependencies:
  // replace the built code (workspace node_modules folders stay).
  for (const workspace of readdirSync(join(dir, 'packages'))) {
    rmSync(join(dir, 'packages', workspace, 'dist'), {
      recursive: true,
      force: true,
    });
  }
  for (const workspace of readdirSync(join(dir, 'plugins'))) {
    rmSync(join(dir, 'plugins', workspace, 'dist'), {
      recursive: true,
      force: true,
    });
  }
  run('tar', ['xzf', join(DIST, 'bundle.tar.gz')], dir, 'install.log');
  for (const file of ['app-config.yaml', 'app-config.production.yaml']) {
    cpSync(join(REPO_ROOT, file), join(dir, file));
  }
  rmSync(join(dir, 'examples'), { recursive: true, force: true });
  cpSync(
    join(REPO_ROOT, 'examples/templates'),
    join(dir, 'examples/templates'),
    { recursive: true },
  );
  return dir;
}
