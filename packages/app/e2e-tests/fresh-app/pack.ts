import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../production/processes';
import { run } from './run';

/** The published packages: the workspaces that are not private. */
export function publishedPackages(): string[] {
  return ['plugins', 'packages'].flatMap(parent =>
    readdirSync(join(REPO_ROOT, parent))
      .map(name => `${parent}/${name}`)
      .filter(dir => {
        const manifest = join(REPO_ROOT, dir, 'package.json');
        return (
          existsSync(manifest) &&
          !JSON.parse(readFileSync(manifest, 'utf8')).private
        );
      }),
  );
}

/** Package folder (`plugins/metal3`) → its README's text. */
export function publishedReadmes(): Record<string, string> {
  return Object.fromEntries(
    publishedPackages().map(pkg => [
      pkg,
      readFileSync(join(REPO_ROOT, pkg, 'README.md'), 'utf8'),
    ]),
  );
}

/**
 * What a release publishes: `yarn tsc` (the declarations the builds bundle),
 * then in each package `backstage-cli package build` and `yarn pack` (its
 * prepack/postpack turn the package.json into the published one: dist
 * entry points, `workspace:^` ranges made real). Returns each package's
 * tarball by package name. FRESH_APP_REUSE_PACKS=1
 * keeps tarballs packed by an earlier run (local reruns of the test).
 */
export function packPublishedPackages(
  dir: string,
  logDir: string,
): Record<string, string> {
  const tarballs: Record<string, string> = {};
  const reuse = process.env.FRESH_APP_REUSE_PACKS === '1';
  if (!reuse) {
    rmSync(dir, { recursive: true, force: true });
    run('yarn', ['tsc'], { cwd: REPO_ROOT, logDir, log: 'tsc' });
  }
  mkdirSync(dir, { recursive: true });
  for (const pkg of publishedPackages()) {
    const cwd = join(REPO_ROOT, pkg);
    const { name } = JSON.parse(
      readFileSync(join(cwd, 'package.json'), 'utf8'),
    );
    const tarball = join(
      dir,
      `${name.replace(/^@/, '').replace('/', '-')}.tgz`,
    );
    if (!(reuse && existsSync(tarball))) {
      const log = pkg.replace('/', '-');
      run('yarn', ['build'], { cwd, logDir, log: `build-${log}` });
      run('yarn', ['pack', '--out', tarball], {
        cwd,
        logDir,
        log: `pack-${log}`,
      });
    }
    tarballs[name] = tarball;
  }
  return tarballs;
}
