import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { run } from './run';
import {
  applyCodeSnippet,
  mergeYaml,
  shellCommands,
  Snippet,
  snippetTarget,
} from './snippets';

/**
 * The create-app of the Backstage 1.55 line (`backstage.json` 1.55.0): the
 * newest 0.9.x on the registry (`npm view @backstage/create-app time`).
 */
export const CREATE_APP = '@backstage/create-app@0.9.2';

/**
 * The environment of the fresh app's commands: the test's, without what
 * `yarn playwright` adds for scripts of this repository (its yarn binary
 * folder, INIT_CWD, npm_* and YARN_* variables), which would make the app's
 * yarn think it runs inside this project. npm_config_nodedir stays: native
 * modules build against the toolchain's Node headers.
 */
export function freshEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      /^(npm_|yarn_|berry_)/i.test(key) &&
      key.toLowerCase() !== 'npm_config_nodedir'
    ) {
      continue;
    }
    if (['PROJECT_CWD', 'INIT_CWD', 'NODE_OPTIONS'].includes(key)) continue;
    env[key] = value;
  }
  // A new app's first install writes its lockfile, and the README steps add
  // packages to it: under CI=true Yarn would refuse both (immutable
  // installs are for this repository's lockfile, not the stranger's app).
  env.YARN_ENABLE_IMMUTABLE_INSTALLS = 'false';
  // Plain output: runPastTheAgeGate reads package names from Yarn's errors.
  env.YARN_ENABLE_COLORS = 'false';
  env.YARN_ENABLE_HYPERLINKS = 'false';
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter(dir => !/[/\\]xfs-[^/\\]+$/.test(dir))
    .join(delimiter);
  return { ...env, ...extra };
}

/**
 * `npx @backstage/create-app` as a newcomer runs it, through `yarn dlx` (the
 * same global Yarn cache as this repository, so nothing is downloaded twice),
 * then `yarn install`. `legacy` makes an app of the old frontend system.
 */
export function createFreshApp(
  appDir: string,
  options: { legacy: boolean; logDir: string },
) {
  mkdirSync(dirname(appDir), { recursive: true });
  run(
    'yarn',
    [
      'dlx',
      '-p',
      CREATE_APP,
      'backstage-create-app',
      '--path',
      appDir,
      '--skip-install',
      ...(options.legacy ? ['--legacy'] : []),
    ],
    {
      cwd: dirname(appDir),
      logDir: options.logDir,
      log: 'create-app',
      env: freshEnv({
        BACKSTAGE_APP_NAME: 'portal',
        NODE_OPTIONS: `--require ${join(__dirname, 'noRemoteFetch.cjs')}`,
      }),
    },
  );
  pinToReleaseLine(appDir);
  run('yarn', ['install'], {
    cwd: appDir,
    logDir: options.logDir,
    log: 'install',
    env: freshEnv(),
  });
}

/**
 * The day the next release line after 1.55 came out (1.57: @backstage/
 * backend-plugin-api 1.12.0, 2026-11-17; docs/development.md, "Backstage
 * versions").
 */
const NEXT_RELEASE_LINE = Date.parse('2026-11-17T00:00:00Z');

/**
 * Makes the new app a 1.55 portal as it was while 1.55 was current. create-app
 * writes caret ranges and relies on a yarn.lock seed that it fetches from
 * GitHub (out of reach here, as on any closed network); without it the ranges
 * pull 1.57 packages into the 1.55 core, and the app does not start
 * (plugin-signals-backend 0.3.21 calls an httpRouter method that
 * backend-defaults 0.18 lacks). So Yarn's age gate, which create-app's
 * .yarnrc.yml sets to 3 days, is set to exclude every version published since
 * the next line came out, and @backstage/* is no longer exempt from it.
 */
function pinToReleaseLine(appDir: string) {
  const file = join(appDir, '.yarnrc.yml');
  const config = parse(readFileSync(file, 'utf8')) ?? {};
  const days = Math.ceil((Date.now() - NEXT_RELEASE_LINE) / 86_400_000);
  config.npmMinimalAgeGate = `${Math.max(days, 3)}d`;
  delete config.npmPreapprovedPackages;
  writeFileSync(file, stringify(config));
}

/**
 * The age gate of pinToReleaseLine keeps the app's Backstage packages on the
 * 1.55 line, but it would also refuse the newer releases of the third-party
 * libraries our packages name (recharts, OpenTelemetry, ...), which any
 * Backstage line accepts. Those names are exempt from it: every dependency
 * and peer dependency of the tarballs that is not `@backstage/*` or ours.
 */
function preapproveThirdParty(appDir: string, tarballs: string[]) {
  const names = new Set<string>();
  for (const tarball of tarballs) {
    const manifest = JSON.parse(
      execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
        encoding: 'utf8',
      }),
    );
    for (const field of ['dependencies', 'peerDependencies']) {
      for (const name of Object.keys(manifest[field] ?? {})) {
        if (!/^@(backstage|metal3-fleet)\//.test(name)) names.add(name);
      }
    }
  }
  const file = join(appDir, '.yarnrc.yml');
  const config = parse(readFileSync(file, 'utf8')) ?? {};
  config.npmPreapprovedPackages = [...names].sort();
  writeFileSync(file, stringify(config));
}

/**
 * Runs a step; when Yarn refuses it because a third-party package (a
 * dependency of a dependency, which preapproveThirdParty cannot know in
 * advance) only has releases younger than the age gate, exempts that
 * package and runs the step again. A quarantined `@backstage/*` package is
 * the gate doing its job: that failure stands.
 */
function runPastTheAgeGate(appDir: string, step: () => void) {
  for (let attempt = 1; ; attempt++) {
    try {
      step();
      return;
    } catch (error) {
      const quarantined = [
        ...(error as Error).message.matchAll(
          /(\S+?)@npm:[^:\s]+: All versions satisfying .* are quarantined/g,
        ),
      ]
        .map(m => m[1].replace(/^.*│\s*/, ''))
        .filter(name => !name.startsWith('@backstage/'));
      if (quarantined.length === 0 || attempt >= 20) throw error;
      const file = join(appDir, '.yarnrc.yml');
      const config = parse(readFileSync(file, 'utf8')) ?? {};
      config.npmPreapprovedPackages = [
        ...new Set([...(config.npmPreapprovedPackages ?? []), ...quarantined]),
      ].sort();
      writeFileSync(file, stringify(config));
    }
  }
}

/**
 * Runs the READMEs' install steps in the app, in order (see snippets.ts for
 * how each kind of block runs). Every published package resolves to its
 * tarball (root `resolutions`), so the packages the steps install find their
 * `@metal3-fleet/*` dependencies among the tarballs too.
 */
export function runInstallSteps(
  appDir: string,
  steps: Snippet[],
  options: { tarballs: Record<string, string>; logDir: string },
) {
  const rootPackage = join(appDir, 'package.json');
  const pkg = JSON.parse(readFileSync(rootPackage, 'utf8'));
  pkg.resolutions = {
    ...pkg.resolutions,
    ...Object.fromEntries(
      Object.entries(options.tarballs).map(([name, tarball]) => [
        name,
        `file:${tarball}`,
      ]),
    ),
  };
  writeFileSync(rootPackage, `${JSON.stringify(pkg, null, 2)}\n`);
  preapproveThirdParty(appDir, Object.values(options.tarballs));

  steps.forEach((step, index) => {
    if (step.lang === 'yaml' || step.lang === 'yml') {
      const { file, body } = snippetTarget(step);
      const path = join(appDir, file);
      const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
      writeFileSync(path, mergeYaml(text, body.join('\n')));
    } else if (step.lang === 'ts' || step.lang === 'tsx') {
      const { file } = snippetTarget(step);
      const path = join(appDir, file);
      if (!existsSync(path)) {
        throw new Error(
          `${step.source}: fresh-app:${step.name} edits ${file}, which this app does not have`,
        );
      }
      writeFileSync(path, applyCodeSnippet(readFileSync(path, 'utf8'), step));
    } else {
      for (const command of shellCommands(step, options.tarballs)) {
        runPastTheAgeGate(appDir, () =>
          run('bash', ['-c', command], {
            cwd: appDir,
            logDir: options.logDir,
            log: `step-${index + 1}-${step.name}`,
            env: freshEnv(),
          }),
        );
      }
    }
  });
}

/**
 * The test's own settings, on top of what the READMEs configured: the
 * backend on loopback only, and in an app of the new frontend system the
 * fleet page at `fleetPath` (the app's list of extension settings is copied,
 * since a later config file replaces a list), and `metal3.fleetPath` with it.
 */
export function writeTestConfig(
  appDir: string,
  options: { fleetPath?: string },
) {
  const extra: Record<string, any> = {
    backend: { listen: { host: '127.0.0.1' } },
  };
  if (options.fleetPath) {
    const base = parse(readFileSync(join(appDir, 'app-config.yaml'), 'utf8'));
    extra.app = {
      extensions: [
        ...(base?.app?.extensions ?? []),
        { 'page:metal3': { config: { path: options.fleetPath } } },
      ],
    };
    // The backend's links (catalog entities, notifications) follow it.
    extra.metal3 = { fleetPath: options.fleetPath };
  }
  const local = join(appDir, 'app-config.local.yaml');
  const text = existsSync(local) ? readFileSync(local, 'utf8') : '';
  writeFileSync(local, mergeYaml(text, stringify(extra)));
}
