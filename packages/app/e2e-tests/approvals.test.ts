import {
  APIRequestContext,
  Browser,
  expect,
  Page,
  request as playwrightRequest,
  test,
} from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import {
  BACKEND,
  DevPortal,
  FRONTEND,
  startDevPortal,
} from './approvals/devPortal';
import { labGet } from './approvals/labCluster';
import {
  RunningOidcProvider,
  startOidcProvider,
} from './production/oidcProvider';
import { REPO_ROOT } from './production/processes';

/*
 * Approvals of risky operations (issue #20 part 4), in the browser: with
 * metal3.approvals.required listing power-off, the guest asks for a power-off
 * of a provisioned host, sees it wait and cannot approve it; a second admin
 * approves it and the host goes off once.
 *
 * Two people: the development portal signs everyone in as the same guest, so
 * the test adds a second identity the way production has them: a local
 * OpenID Connect provider (the production test's) with one account, grace, a
 * catalog user in metal3-admins. The sign-in page offers both (guest and
 * OIDC). Nothing in the portal changes for it: no extra auth code, and
 * production sign-in stays as it is. Its own portal (the config differs from
 * the other browser tests'): run it under the machine's lock,
 *   flock /tmp/portal-e2e.lock yarn playwright test -c playwright.approvals.config.ts
 */

test.describe.configure({ mode: 'serial' });

const CLUSTER = 'kube-dc-mgmt';
const HOST = 'worker-1';
const BMH = `/apis/metal3.io/v1alpha1/namespaces/metal3/baremetalhosts/${HOST}`;
const HOST_API = `${BACKEND}/api/metal3/hosts/${CLUSTER}/metal3/${HOST}`;

let oidc: RunningOidcProvider;
let portal: DevPortal;
let configDir: string;

test.beforeAll(async () => {
  test.setTimeout(15 * 60_000);
  oidc = await startOidcProvider({
    accounts: [
      { login: 'grace', email: 'grace@example.com', name: 'Grace Hopper' },
    ],
    redirectUri: `${BACKEND}/api/auth/oidc/handler/frame`,
  });
  configDir = mkdtempSync(join(tmpdir(), 'approvals-e2e-'));
  const reviewers = join(configDir, 'reviewers.yaml');
  writeFileSync(
    reviewers,
    JSON.stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'grace' },
      spec: {
        profile: { email: 'grace@example.com', displayName: 'Grace Hopper' },
        memberOf: ['metal3-admins'],
      },
    }),
  );
  const file = (target: string, allow?: string[]) => ({
    type: 'file',
    target,
    ...(allow && { rules: [{ allow }] }),
  });
  // JSON is YAML: the config loader reads it as it is.
  const config = join(configDir, 'app-config.approvals-e2e.yaml');
  writeFileSync(
    config,
    JSON.stringify({
      app: {
        signIn: { providers: ['guest', 'oidc'], oidcTitle: 'Lab OIDC' },
      },
      auth: {
        session: { secret: randomBytes(24).toString('base64url') },
        providers: {
          oidc: {
            development: {
              metadataUrl: oidc.metadataUrl,
              clientId: oidc.clientId,
              clientSecret: oidc.clientSecret,
              prompt: 'auto',
              additionalScopes: ['offline_access'],
              signIn: {
                resolvers: [{ resolver: 'catalogUser', match: 'email' }],
              },
            },
          },
        },
      },
      // Config arrays replace, not append: app-config.lab.yaml's locations
      // again (absolute paths), plus the second admin.
      catalog: {
        locations: [
          file(join(REPO_ROOT, 'catalog-info.yaml')),
          file(join(REPO_ROOT, 'examples/templates/catalog-info.yaml'), [
            'Location',
            'Template',
          ]),
          file(join(REPO_ROOT, 'examples/org.yaml'), ['User', 'Group']),
          file(reviewers, ['User']),
        ],
      },
      metal3: { approvals: { required: ['power-off'] } },
    }),
  );
  portal = await startDevPortal(config);
});

test.afterAll(async () => {
  await portal?.stop();
  await oidc?.stop();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

async function newPage(browser: Browser, width = 1440): Promise<Page> {
  const context = await browser.newContext({
    baseURL: FRONTEND,
    viewport: { width, height: 1000 },
  });
  return context.newPage();
}

/** The guest: the sign-in page's "Enter". */
async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByRole('link', { name: 'Bare metal' })).toBeVisible();
}

/** grace, through the lab's OpenID Connect provider's pop-up. */
async function signInAsGrace(page: Page) {
  await page.goto('/');
  const popupOpens = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const popup = await popupOpens;
  await popup.locator('input[name=login]').fill('grace');
  await popup
    .locator('input[name=password]')
    .fill('not checked by the test IdP');
  await popup.getByRole('button', { name: 'Sign-in' }).click();
  const consent = popup.getByRole('button', { name: 'Continue' });
  await Promise.race([
    consent.click().catch(() => {}),
    popup.waitForEvent('close'),
  ]);
  if (!popup.isClosed()) await popup.waitForEvent('close');
  await expect(page.getByRole('link', { name: 'Bare metal' })).toBeVisible();
}

/** The Backstage token of whoever is signed in to `page` (its refresh cookie). */
async function tokenOf(page: Page, provider: 'guest' | 'oidc') {
  const session = await page
    .context()
    .request.get(
      `${BACKEND}/api/auth/${provider}/refresh${
        provider === 'oidc' ? '?env=development' : ''
      }`,
      { headers: { 'x-requested-with': 'XMLHttpRequest' } },
    );
  expect(session.status()).toBe(200);
  return (await session.json()).backstageIdentity.token as string;
}

async function api(token: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
}

/**
 * The audit records the portal printed for `eventId` about one approval that
 * ended well (the auditor logs each event when it starts and when it ends;
 * the development logger colours its fields).
 */
function finishedAudits(eventId: string, approvalId: string): string[] {
  return portal
    .output()
    .split('\n')
    .map(stripVTControlCharacters)
    .filter(
      line =>
        line.includes('isAuditEvent=true') &&
        line.includes(`eventId="${eventId}"`) &&
        line.includes(`"approval":"${approvalId}"`) &&
        line.includes('status="succeeded"'),
    );
}

test('a power-off waits for someone else: the requester cannot approve it, a second admin does, and the host goes off once', async ({
  browser,
}) => {
  test.setTimeout(5 * 60_000);
  const before = await labGet(CLUSTER, BMH);
  expect(before.spec.online).toBe(true);
  expect(before.status.provisioning.state).toBe('provisioned');

  // The guest asks for the power-off from the host's page.
  const guest = await newPage(browser);
  await signInAsGuest(guest);
  await guest.goto(`/metal3/hosts/${CLUSTER}/metal3/${HOST}`);
  await expect(guest.getByText('power: on')).toBeVisible();
  await guest.getByRole('button', { name: 'Power off' }).click();
  await guest
    .getByRole('dialog')
    .getByRole('button', { name: 'Power off' })
    .click();
  const banner = guest.getByRole('alert', { name: 'approval' });
  await expect(banner).toContainText(
    `Power off ${HOST}: waiting for approval by someone else, requested by user:default/guest`,
  );
  // Nothing ran: the host stays on, its spec untouched.
  expect((await labGet(CLUSTER, BMH)).metadata.generation).toBe(
    before.metadata.generation,
  );

  // The requester may not approve: the page says why, the API refuses.
  await banner.getByRole('link', { name: 'Review' }).click();
  await expect(guest).toHaveURL(/\/metal3\/approvals\/[^/]+$/);
  const approvalId = guest.url().split('/').pop()!;
  const approve = guest.getByRole('button', { name: 'Approve' });
  await expect(approve).toBeDisabled();
  await expect(
    guest.getByText(
      'You requested it: another person with metal3.approval.decide must decide',
    ),
  ).toBeVisible();
  const asGuest = await api(await tokenOf(guest, 'guest'));
  const selfApproval = await asGuest.post(
    `${BACKEND}/api/metal3/approvals/${approvalId}/approve`,
    { data: {} },
  );
  expect(selfApproval.status()).toBe(403);
  expect((await selfApproval.json()).error.message).toContain(
    'another person with metal3.approval.decide must approve it',
  );

  // grace, another admin, sees it with its impact and approves it.
  const grace = await newPage(browser);
  await signInAsGrace(grace);
  await grace.goto(`/metal3/approvals/${approvalId}`);
  await expect(grace.getByText(/Power off worker-1/).first()).toBeVisible();
  await expect(grace.getByText(/node worker-1/).first()).toBeVisible();
  await expect(grace.getByRole('button', { name: 'Approve' })).toBeEnabled();
  if (process.env.SCREENSHOTS) {
    await grace.goto('/metal3/approvals');
    await expect(grace.getByRole('button', { name: 'Approve' })).toBeEnabled();
    await grace.screenshot({ path: 'docs/images/approval.png' });
    await grace.goto(`/metal3/approvals/${approvalId}`);
  }
  await grace.getByRole('button', { name: 'Approve' }).click();
  const dialog = grace.getByRole('dialog');
  await expect(dialog).toContainText(
    'It runs now, once, as user:default/guest asked.',
  );
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(grace.getByLabel('outcome')).toContainText(
    'Approved by user:default/grace',
  );
  await expect(grace.getByLabel('outcome')).toContainText('done');

  // Approving again (a second click, another replica) runs nothing more.
  const asGrace = await api(await tokenOf(grace, 'oidc'));
  const again = await asGrace.post(
    `${BACKEND}/api/metal3/approvals/${approvalId}/approve`,
    { data: {} },
  );
  expect(again.status()).toBe(409);

  // Once: one change of the host's spec (online → false), the lab's
  // operator powers it off, one audit record of the run.
  await expect
    .poll(async () => (await labGet(CLUSTER, BMH)).status.poweredOn, {
      timeout: 30_000,
    })
    .toBe(false);
  const after = await labGet(CLUSTER, BMH);
  expect(after.spec.online).toBe(false);
  expect(after.metadata.generation).toBe(before.metadata.generation + 1);
  const host = await (await asGrace.get(HOST_API)).json();
  expect(host.status.power).toBe('off');
  const runs = finishedAudits('approval-approve', approvalId);
  expect(runs).toHaveLength(1);
  expect(runs[0]).toContain('"ran":true');
  expect(runs[0]).toContain('user:default/grace');
  expect(runs[0]).toContain('user:default/guest');

  // The requester's page shows the outcome.
  await guest.reload();
  await expect(guest.getByLabel('outcome')).toContainText(
    'Approved by user:default/grace',
  );
  await asGuest.dispose();
  await asGrace.dispose();
});
