import {
  APIRequestContext,
  Browser,
  expect,
  Page,
  request as playwrightRequest,
  test,
} from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  CLUSTER_IDENTITY,
  ClusterCredentials,
  clusterCredentials,
  getAsPortal,
} from './production/clusterCredentials';
import { RunningLabProcess, startLabProcess } from './production/lab';
import {
  RunningOidcProvider,
  startOidcProvider,
} from './production/oidcProvider';
import { Portal, startPortal, writeSiteConfig } from './production/portal';
import { freePort, REPO_ROOT, REPORT_DIR } from './production/processes';
import {
  buildBackendBundle,
  installProductionBundle,
} from './production/productionInstall';
import { runWalkthrough } from './production/walkthrough';

/*
 * The portal as a platform team runs it: the production bundle from a
 * production-only install (no lab, no guest provider in it), NODE_ENV=production,
 * app-config.yaml + app-config.production.yaml + a site file with addresses
 * only, PostgreSQL, the lab in its own process as the management cluster
 * (reached with a URL, a token and CA data from the environment), and sign-in
 * through a local OpenID Connect provider. Run with
 *   flock /tmp/portal-e2e.lock yarn playwright test -c playwright.production.config.ts
 * (the lab's unenrolled BMCs use fixed loopback addresses).
 */

test.describe.configure({ mode: 'serial' });

const ACCOUNTS = [
  // In group metal3-admins (examples/org-example.yaml).
  { login: 'ada', email: 'ada@example.com', name: 'Ada Lovelace' },
  // In team-a only.
  { login: 'ben', email: 'ben@example.com', name: 'Ben Okafor' },
  // Known to the identity provider, not to the portal's organisation.
  { login: 'mallory', email: 'mallory@example.com', name: 'Mallory' },
];
const ENROLLED = 'rack-spare-1';

let pg: { url: string; stop(): void } | undefined;
let lab: RunningLabProcess;
let oidc: RunningOidcProvider;
let portal: Portal;
let startPortalAgain: () => Promise<Portal>;
let installDir: string;
let secrets: Record<string, string>;
let credentials: ClusterCredentials;
let enrollTaskId: string;

test.beforeAll(async () => {
  test.setTimeout(15 * 60_000);
  rmSync(REPORT_DIR, { recursive: true, force: true });
  buildBackendBundle();
  installDir = installProductionBundle();

  // The repository's PostgreSQL helper (also used by scripts/test.sh): a
  // script, not a workspace package, hence the computed path.
  const postgres = await import(join(REPO_ROOT, 'scripts/pg-temp.mjs'));
  // scripts/test.sh starts one server for the run; alone, start our own.
  const adminUrl =
    process.env.PG_TEST_URL ?? (pg = await postgres.startTempPostgres()).url;
  // The portal's own database user, made as the guide says: it may create
  // databases, nothing more.
  const db = {
    ...postgres.parsePostgresUrl(adminUrl),
    user: 'backstage',
    password: randomBytes(18).toString('base64url'),
  };
  runWalkthrough('psql "$POSTGRES_ADMIN_URL"', {
    POSTGRES_ADMIN_URL: adminUrl,
    POSTGRES_PASSWORD: db.password,
  });

  lab = await startLabProcess();
  const mgmt = lab.clusters.find(c => c.name === 'kube-dc-mgmt')!;
  credentials = await clusterCredentials(mgmt, lab.kubeconfig);

  const port = await freePort();
  oidc = await startOidcProvider({
    accounts: ACCOUNTS,
    redirectUri: `http://localhost:${port}/api/auth/oidc/handler/frame`,
  });

  // The organisation file, mounted where the production config expects it.
  mkdirSync(join(installDir, 'org'), { recursive: true });
  cpSync(
    join(REPO_ROOT, 'examples/org-example.yaml'),
    join(installDir, 'org/org.yaml'),
  );
  secrets = {
    POSTGRES_PASSWORD: db.password,
    AUTH_SESSION_SECRET: randomBytes(24).toString('base64url'),
    OIDC_CLIENT_SECRET: oidc.clientSecret,
    METAL3_MGMT_TOKEN: credentials.token,
  };
  const env = {
    POSTGRES_HOST: db.host,
    POSTGRES_PORT: String(db.port),
    POSTGRES_USER: db.user,
    OIDC_METADATA_URL: oidc.metadataUrl,
    OIDC_CLIENT_ID: oidc.clientId,
    PORTAL_ORG_FILE: join(installDir, 'org/org.yaml'),
    METAL3_MGMT_API_URL: credentials.url,
    METAL3_MGMT_CA_DATA: credentials.caData,
    ...secrets,
  };
  const siteConfig = writeSiteConfig(installDir, port);
  startPortalAgain = () =>
    startPortal({ dir: installDir, port, siteConfig, env });
  portal = await startPortalAgain();
});

test.afterAll(async () => {
  await portal?.process.stop();
  await oidc?.stop();
  await lab?.process.stop();
  pg?.stop();
});

/** Signs `login` in through the identity provider's pop-up. */
async function signIn(page: Page, login: string) {
  await page.goto(portal.baseUrl);
  const popupOpens = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const popup = await popupOpens;
  await popup.locator('input[name=login]').fill(login);
  await popup
    .locator('input[name=password]')
    .fill('not checked by the test IdP');
  await popup.getByRole('button', { name: 'Sign-in' }).click();
  const consent = popup.getByRole('button', { name: 'Continue' });
  // A person signing in again has consented already.
  await Promise.race([
    consent.click().catch(() => {}),
    popup.waitForEvent('close'),
  ]);
  if (!popup.isClosed()) await popup.waitForEvent('close');
}

/** The Backstage token of the person signed in to `page`'s context. */
async function tokenOf(page: Page): Promise<string> {
  // The refresh cookie of the OIDC provider: what a page load uses.
  const session = await page
    .context()
    .request.get(`${portal.baseUrl}/api/auth/oidc/refresh?env=production`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
  expect(session.status()).toBe(200);
  return (await session.json()).backstageIdentity.token;
}

async function api(): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: portal.baseUrl });
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({
    viewport: { width: 1600, height: 1100 },
  });
  return context.newPage();
}

test('the production install holds neither the lab nor the guest sign-in', async () => {
  const modules = join(installDir, 'node_modules');
  expect(existsSync(join(modules, '@backstage/plugin-auth-backend'))).toBe(
    true,
  );
  expect(existsSync(join(modules, '@metal3-fleet/metal3-lab'))).toBe(false);
  expect(
    existsSync(
      join(modules, '@backstage/plugin-auth-backend-module-guest-provider'),
    ),
  ).toBe(false);
  const bundle = readFileSync(
    join(installDir, 'packages/backend/dist/portalBackend.cjs.js'),
    'utf8',
  );
  expect(bundle).not.toMatch(/metal3-lab|guest-provider/);
});

test('the portal reaches the cluster as its ServiceAccount, held to the shipped role', async () => {
  test.skip(
    CLUSTER_IDENTITY !== 'service-account',
    'PRODUCTION_E2E_CLUSTER_IDENTITY is not service-account',
  );
  // Granted by deploy/kubernetes/rbac.yaml: the fleet.
  const hosts = await getAsPortal(
    credentials,
    '/apis/metal3.io/v1alpha1/baremetalhosts?limit=1',
  );
  expect(hosts.status).toBe(200);
  // Not granted: Secrets outside the host namespaces. The lab enforces RBAC
  // for this token as kube-apiserver would (its admin token would pass).
  const everySecret = await getAsPortal(credentials, '/api/v1/secrets');
  expect(everySecret.status).toBe(403);
  expect(everySecret.body.message).toBe(
    'secrets is forbidden: User "system:serviceaccount:metal3-portal:metal3-portal" cannot list resource "secrets" in API group "" at the cluster scope',
  );
});

test('guest sign-in does not exist in production', async () => {
  const anonymous = await api();
  const guest = await anonymous.post('/api/auth/guest/refresh', {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  expect([401, 404]).toContain(guest.status());
  const catalog = await anonymous.get('/api/catalog/entities');
  expect(catalog.status()).toBe(401);
});

test('a person the organisation does not know is refused with a message that says why', async ({
  browser,
}) => {
  const page = await newPage(browser);
  await page.goto(portal.baseUrl);
  await expect(page.getByRole('button', { name: 'Enter' })).toHaveCount(0);
  await signIn(page, 'mallory');
  await expect(
    page.getByText(
      /no user in the portal's catalog has the email mallory@example\.com/,
    ),
  ).toBeVisible();
  await page.context().close();
});

test('an admin signs in, sees the fleet, powers a host off and enrolls a server through the template', async ({
  browser,
}) => {
  test.setTimeout(5 * 60_000);
  const page = await newPage(browser);
  await signIn(page, 'ada');

  // The fleet of the management cluster the lab plays.
  await page.getByRole('link', { name: 'Bare metal' }).click();
  await expect(page.getByRole('link', { name: 'worker-0' })).toBeVisible();
  await expect(page.getByText('Registration error').first()).toBeVisible();

  // Power off through the BareMetalHost; the lab's operator applies it.
  await page.goto(
    `${portal.baseUrl}/metal3/hosts/kube-dc-mgmt/metal3/worker-3`,
  );
  await expect(
    page.getByRole('heading', { name: 'worker-3', exact: true }),
  ).toBeVisible();
  await expect(page.getByText('power: on')).toBeVisible();
  await page.getByRole('button', { name: 'Power off' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Power off' }).click();
  await expect(page.getByText('power: off')).toBeVisible({ timeout: 30_000 });

  // Enroll one of the lab's racked servers through the template.
  await page.goto(
    `${portal.baseUrl}/create/templates/default/metal3-enroll-host`,
  );
  await page.getByLabel('Host name').fill(ENROLLED);
  await page.getByRole('button', { name: 'Next' }).click();
  const server = lab.unenrolled[0];
  await page.getByLabel('BMC user').fill(server.username);
  await page.getByLabel('BMC password').fill('lab-bmc-password');
  await page.getByLabel('Skip BMC certificate verification').check();
  await page.getByLabel('BMC address').fill(server.address);
  // The password goes to the BMC only on an explicit check (or on blur).
  // The scaffolder's password field hands its value over 300 ms after
  // typing: checking before that would check without credentials.
  await expect(
    page.getByText('Enter the BMC user and password to check'),
  ).toBeHidden();
  await page.getByRole('button', { name: 'Check BMC' }).click();
  const checks = page.getByRole('list', { name: 'preflight checks' });
  await expect(checks.getByLabel('authentication pass')).toBeVisible({
    timeout: 30_000,
  });
  await page
    .getByRole('button', { name: `use ${server.bootMACAddress} as boot MAC` })
    .click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('Host page (live status)')).toBeVisible({
    timeout: 90_000,
  });
  enrollTaskId = page.url().match(/\/tasks\/([^/?#]+)/)![1];

  await page.goto(`${portal.baseUrl}/metal3?q=${ENROLLED}`);
  await expect(page.getByRole('link', { name: ENROLLED })).toBeVisible({
    timeout: 30_000,
  });
  await page.context().close();
});

test('a user outside the admin group is refused a power-off (403)', async ({
  browser,
}) => {
  const page = await newPage(browser);
  await signIn(page, 'ben');
  await page.getByRole('link', { name: 'Bare metal' }).click();
  await expect(page.getByRole('link', { name: 'worker-0' })).toBeVisible();

  const token = await tokenOf(page);
  const caller = await api();
  const refused = await caller.post(
    '/api/metal3/hosts/kube-dc-mgmt/metal3/worker-4/actions/power-off',
    { headers: { authorization: `Bearer ${token}` } },
  );
  expect(refused.status()).toBe(403);
  // Reading stays open to every signed-in user.
  const host = await caller.get(
    '/api/metal3/hosts/kube-dc-mgmt/metal3/worker-4',
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  expect(host.status()).toBe(200);
  await page.context().close();
});

test("the cluster page's runbook checks are judged with the shipped role, none unknown", async ({
  browser,
}) => {
  // Stack health reads the controllers' Deployments (a Role in each of
  // their namespaces), network coverage every ProviderNetwork: with a role
  // short of either, these checks would say "unknown", naming the refusal.
  const page = await newPage(browser);
  await signIn(page, 'ben');
  const token = await tokenOf(page);
  const caller = await api();
  type Finding = {
    check: string;
    item?: string;
    outcome: string;
    missing?: string;
  };
  let findings: Finding[] = [];
  const unknown = () =>
    findings
      .filter(f => f.outcome === 'unknown')
      .map(f => `${f.check} ${f.item ?? ''}: ${f.missing}`);
  await expect
    .poll(
      async () => {
        const response = await caller.get(
          '/api/metal3/clusters/kube-dc-mgmt/findings',
          { headers: { authorization: `Bearer ${token}` } },
        );
        expect(response.status()).toBe(200);
        findings = (await response.json()).findings;
        return unknown();
      },
      { timeout: 60_000 },
    )
    .toEqual([]);
  const checks = new Set(findings.map(f => f.check));
  expect(checks).toContain('stack.controller-ready');
  expect(checks).toContain('network.ready-nodes');
  await page.context().close();
});

test('after a restart the catalog and the scaffolder task history are still there', async ({
  browser,
}) => {
  test.setTimeout(5 * 60_000);
  const page = await newPage(browser);
  await signIn(page, 'ada');
  const token = await tokenOf(page);
  const caller = await api();
  const get = (path: string) =>
    caller.get(path, { headers: { authorization: `Bearer ${token}` } });
  const host = `/api/catalog/entities/by-name/resource/default/kube-dc-mgmt.metal3.${ENROLLED}`;
  await expect
    .poll(async () => (await get(host)).status(), { timeout: 60_000 })
    .toBe(200);
  const uids = async () =>
    Promise.all(
      [
        host,
        '/api/catalog/entities/by-name/user/default/ada',
        '/api/catalog/entities/by-name/template/default/metal3-enroll-host',
      ].map(async path => {
        const response = await get(path);
        expect(response.status(), path).toBe(200);
        return (await response.json()).metadata.uid as string;
      }),
    );
  const before = await uids();

  await portal.process.stop();
  portal = await startPortalAgain();

  // Right after the start, before any provider or location could re-create
  // them: the same entities (same uids: not re-ingested into an empty
  // database) and the task of the enrollment.
  expect(await uids()).toEqual(before);
  const task = await get(`/api/scaffolder/v2/tasks/${enrollTaskId}`);
  expect(task.status()).toBe(200);
  expect(await task.json()).toMatchObject({
    id: enrollTaskId,
    status: 'completed',
    createdBy: 'user:default/ada',
  });
  await page.context().close();
});

test('no secret reached the backend log', async () => {
  // Both runs of the backend, before and after the restart.
  const log = readFileSync(join(REPORT_DIR, 'backend.log'), 'utf8');
  expect(log.length).toBeGreaterThan(1000);
  for (const [name, value] of Object.entries({
    ...secrets,
    BMC_PASSWORD: 'lab-bmc-password',
  })) {
    expect(log.includes(value), `${name} in the backend log`).toBe(false);
  }
  test.info().annotations.push({
    type: 'cluster identity',
    description: `${CLUSTER_IDENTITY}: ${credentials.identity}`,
  });
});
