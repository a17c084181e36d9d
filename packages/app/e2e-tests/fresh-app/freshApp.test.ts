import { expect, Locator, Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  REPO_ROOT,
  RunningProcess,
  startProcess,
} from '../production/processes';
import {
  createFreshApp,
  freshEnv,
  runInstallSteps,
  writeTestConfig,
} from './freshApp';
import { packPublishedPackages, publishedReadmes } from './pack';
import { extractSnippets, freshAppSteps, shellCommands } from './snippets';

/*
 * A stranger's portal installs the plugin set from its packages, following
 * the package READMEs: the packages are built and packed (`yarn pack`), a new
 * app is made with @backstage/create-app of the Backstage 1.55 line, the
 * READMEs' marked install steps run in it (only the package specs point at
 * the tarballs), the lab from its own tarball is its cluster, and Chromium
 * sees the fleet page at /fleet, a host's entity page with the live status
 * card and the enrollment template with the BMC field.
 *
 *   flock /tmp/portal-e2e.lock yarn playwright test -c playwright.fresh-app.config.ts freshApp
 *
 * (the portal's fixed ports 3000 and 7007: one run per machine.) Logs of every
 * step: e2e-test-report/fresh-app/. FRESH_APP_REUSE_PACKS=1 reuses the
 * tarballs of the last run, FRESH_APP_KEEP=1 keeps the app (its folder is
 * printed). When it passes it refreshes packages/app/e2e-tests/fresh-app/
 * packaging.sha256, which .ci/run compares to decide whether to run it.
 *
 * The steps, by their marks (`<!-- fresh-app:NAME -->`, snippets.ts):
 * - plugins/metal3-backend: backend-install, backend;
 *   plugins/catalog-backend-module-metal3: catalog-install, catalog;
 *   plugins/scaffolder-backend-module-metal3: scaffolder-install, scaffolder,
 *   scaffolder-templates;
 * - plugins/metal3 (the frontend plugin's README): `frontend-new`, then any
 *   `frontend-new-*`, for the app create-app makes (new frontend system). The
 *   expected shape: the install line, which is enough when the plugin and its
 *   form fields are found by `app.packages: all`,
 *       <!-- fresh-app:frontend-new -->
 *       ```sh
 *       yarn --cwd packages/app add @metal3-fleet/plugin-metal3
 *       ```
 *   and, if the app must list a feature itself, a marked block naming its
 *   file, e.g. `// packages/app/src/App.tsx` with the import and the lines
 *   around the insertion as context. `frontend-routes` and `frontend-entity`
 *   (the old frontend system's routes and entity cards) need an app made with
 *   `create-app --legacy`; this test's app is the default one.
 * - packages/metal3-lab: lab-install, lab-config, and lab-run (the command
 *   that starts the lab, run as written but on free ports).
 */

test.describe.configure({ mode: 'serial' });

const LOG_DIR = join(REPO_ROOT, 'e2e-test-report/fresh-app');
const PACKS = join(REPO_ROOT, 'node_modules/.cache/fresh-app/packs');
const FLEET_PATH = '/fleet';
const PORTAL = 'http://localhost:3000';

let workDir: string;
let lab: RunningProcess | undefined;
let portal: RunningProcess | undefined;
const started = Date.now();

/** Elapsed time per phase, in the report folder and the test output. */
function phase(name: string) {
  const line = `${name}: ${Math.round((Date.now() - started) / 1000)} s`;
  mkdirSync(LOG_DIR, { recursive: true });
  appendFileSync(join(LOG_DIR, 'timings.txt'), `${line}\n`);
  // eslint-disable-next-line no-console
  console.log(`fresh-app ${line}`);
}

/** Stops a process and everything it started (its process group). */
async function stopGroup(running: RunningProcess | undefined) {
  const pid = running?.child.pid;
  if (!running || !pid) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // already gone
  }
  await running.stop(20_000);
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // every process of the group has exited
  }
}

/** Whether nothing listens on a port of 127.0.0.1. */
function isFree(port: number): Promise<boolean> {
  return new Promise(done => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/** Two free consecutive ports: the lab's clusters take P and P+1. */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (await isFree(port + 1)) return port;
  }
}

async function waitFor(url: string, timeoutMs: number) {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const answer = await fetch(url).catch(() => undefined);
    if (answer?.ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200`);
    await new Promise(r => setTimeout(r, 2000));
  }
}

test.beforeAll(async () => {
  test.setTimeout(60 * 60_000);
  rmSync(LOG_DIR, { recursive: true, force: true });

  // The steps first: a README without its marks fails at once.
  const snippets = Object.entries(publishedReadmes()).flatMap(([dir, text]) =>
    extractSnippets(text, `${dir}/README.md`),
  );
  const { steps, labRun } = freshAppSteps(snippets);

  const tarballs = packPublishedPackages(PACKS, LOG_DIR);
  phase('packed');

  workDir = mkdtempSync(join(tmpdir(), 'metal3-fresh-app-'));
  const appDir = join(workDir, 'portal');
  createFreshApp(appDir, { legacy: false, logDir: LOG_DIR });
  phase('created the app');
  runInstallSteps(appDir, steps, { tarballs, logDir: LOG_DIR });
  writeTestConfig(appDir, { fleetPath: FLEET_PATH });
  phase('ran the install steps');
  execFileSync('yarn', ['tsc'], {
    cwd: appDir,
    env: freshEnv(),
    stdio: 'pipe',
  });
  phase('yarn tsc');

  // The lab as its README starts it, on free ports instead of 6443.
  const port = await freePortPair();
  const [labCommand] = shellCommands(labRun, tarballs).map(c =>
    c.replace(/--port\s+\d+/, `--port ${port}`),
  );
  const labStart = startProcess('lab', 'bash', ['-c', labCommand], {
    cwd: appDir,
    env: freshEnv(),
    detached: true,
    logDir: LOG_DIR,
    readyWhen: /Lab started in/,
    timeoutMs: 180_000,
  });
  lab = labStart.process;
  await labStart.ready;
  phase('lab started');

  const portalStart = startProcess('portal', 'yarn', ['start'], {
    cwd: appDir,
    env: freshEnv({ BROWSER: 'none' }),
    detached: true,
    logDir: LOG_DIR,
    readyWhen: /Listening on/,
    timeoutMs: 15 * 60_000,
  });
  portal = portalStart.process;
  await portalStart.ready;
  await waitFor('http://localhost:7007/api/metal3/health', 5 * 60_000);
  await waitFor(PORTAL, 10 * 60_000);
  phase('portal started');
});

test.afterAll(async () => {
  await stopGroup(portal);
  await stopGroup(lab);
  phase('stopped');
  if (workDir && process.env.FRESH_APP_KEEP !== '1') {
    rmSync(workDir, { recursive: true, force: true });
  } else if (workDir) {
    // eslint-disable-next-line no-console
    console.log(`fresh-app: the app is kept in ${workDir}`);
  }
});

/**
 * Opens a page of the fresh app and waits for what it should show, signing
 * in as the guest first when create-app's sign-in page asks
 * (auth.providers.guest). The page's own content, not the sidebar, says that
 * the app is signed in: Playwright counts the sidebar's nav as hidden.
 */
async function open(
  page: Page,
  path: string,
  content: Locator,
  timeout = 60_000,
) {
  await page.goto(`${PORTAL}${path}`);
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter.or(content).first()).toBeVisible({ timeout });
  if (await enter.isVisible()) await enter.click();
  await expect(content).toBeVisible({ timeout });
}

test('the fleet page is mounted where the app puts it (/fleet)', async ({
  page,
}) => {
  await open(
    page,
    FLEET_PATH,
    page.getByRole('heading', { name: 'Bare metal' }),
  );
  await expect(page.getByRole('link', { name: 'worker-0' })).toBeVisible({
    timeout: 60_000,
  });
  expect(new URL(page.url()).pathname).toBe(FLEET_PATH);
});

test("a host's catalog page carries the live status card", async ({ page }) => {
  // The catalog module's entity of kube-dc-mgmt's worker-3 (namespace metal3).
  const entity = '/catalog/default/resource/kube-dc-mgmt.metal3.worker-3';
  // The card's title; the entity's link "Live status and operations" is not it.
  const card = page.getByText('Live status', { exact: true });
  // Until the catalog module has ingested the host, the page says not found.
  await expect(async () => {
    await open(page, entity, card, 15_000);
  }).toPass({ timeout: 120_000 });
  // Read live from the backend plugin: the card links to the host's page.
  await expect(page.getByRole('link', { name: 'open host page' })).toBeVisible({
    timeout: 30_000,
  });
  // The entity's own link, written by the catalog module, follows the page
  // too (metal3.fleetPath).
  await expect(
    page.getByRole('link', { name: 'Live status and operations' }),
  ).toHaveAttribute(
    'href',
    new RegExp(`${FLEET_PATH}/hosts/kube-dc-mgmt/metal3/worker-3$`),
  );
});

test('the enrollment template, from the scaffolder module, has the BMC field', async ({
  page,
}) => {
  await expect(async () => {
    const template = '/create/templates/default/metal3-enroll-host';
    await open(page, template, page.getByLabel('Host name'), 15_000);
  }).toPass({ timeout: 120_000 });
  await page.getByLabel('Host name').fill('rack-spare-1');
  await page.getByRole('button', { name: 'Next' }).click();
  // The Metal3BmcAddress field, not a plain text field: it checks the BMC.
  await expect(page.getByLabel('BMC address')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Check BMC' })).toBeVisible();
});

test('the packaging stamp is refreshed once everything passed', async () => {
  execFileSync(
    'node',
    [join(REPO_ROOT, 'scripts/fresh-app-stamp.mjs'), 'write'],
    {
      cwd: REPO_ROOT,
    },
  );
  phase('passed');
});
