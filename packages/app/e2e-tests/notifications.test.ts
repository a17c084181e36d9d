import {
  APIRequestContext,
  expect,
  request as requestContext,
  test,
} from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Notifications to owners (issue #20, part 3) in the development portal:
 * a host of the lab driven into error reaches the signed-in guest, who owns
 * it (the lab's hosts carry no owner label, so the catalog module gives
 * them catalog.providers.metal3.defaultOwner, group:default/metal3-admins, and
 * examples/org.yaml makes the guest a member), in the notifications page
 * and the sidebar's bell, linked to the host page, once.
 */

const backend = 'http://localhost:7007';
const CLUSTER = 'kube-dc-mgmt';
const NS = 'metal3';
/**
 * An available Redfish host of the lab's seed that no other browser test
 * uses (worker-6 is paused: BMO would never inspect it).
 */
const HOST = 'worker-5';
const HOST_PATH = `/metal3/hosts/${CLUSTER}/${NS}/${HOST}`;
const TITLE = `${HOST} (${CLUSTER}/${NS}): Inspection failed`;

/** The embedded lab's management cluster (metal3.lab.port) and its token. */
const LAB_API = 'https://127.0.0.1:6443';
const labToken = () =>
  readFileSync(
    resolve(__dirname, '../../../.lab', CLUSTER, 'token'),
    'utf8',
  ).trim();

let guestToken: string;
let lab: APIRequestContext;

async function failInspections(fail: boolean) {
  const answer = await lab.post(`${LAB_API}/lab/v1/faults`, {
    headers: { authorization: `Bearer ${labToken()}` },
    data: { failInspection: { host: `${NS}/${HOST}`, fail } },
  });
  expect(answer.status()).toBe(200);
}

async function reinspect(request: APIRequestContext) {
  const answer = await request.post(
    `${backend}/api/metal3/hosts/${CLUSTER}/${NS}/${HOST}/actions/inspect`,
    { headers: { authorization: `Bearer ${guestToken}` }, data: {} },
  );
  expect(answer.status(), await answer.text()).toBe(200);
}

interface Notification {
  created: string;
  updated?: string;
  payload: { title: string; link?: string };
}

/** The guest's notifications linked to the host page, as the page lists them. */
async function notificationsOfHost(
  request: APIRequestContext,
): Promise<Notification[]> {
  const answer = await request.get(
    `${backend}/api/notifications/notifications?limit=100`,
    { headers: { authorization: `Bearer ${guestToken}` } },
  );
  expect(answer.status()).toBe(200);
  const { notifications } = await answer.json();
  return (notifications as Notification[]).filter(
    n => n.payload.link === HOST_PATH,
  );
}

test.beforeAll(async ({ request }) => {
  const session = await request.get(`${backend}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(session.ok()).toBeTruthy();
  guestToken = (await session.json()).backstageIdentity.token;
  // The lab's API server has a CA of its own (.lab/<cluster>/).
  lab = await requestContext.newContext({ ignoreHTTPSErrors: true });
});

test.afterAll(async () => {
  // Leave the host as the other tests expect the seed. The lab's BMO looks
  // at a host again only when it changes, and the portal re-inspects
  // available hosts only: annotate it for inspection through the lab's API
  // server, as `kubectl annotate` would.
  await failInspections(false);
  const answer = await lab.patch(
    `${LAB_API}/apis/metal3.io/v1alpha1/namespaces/${NS}/baremetalhosts/${HOST}`,
    {
      headers: {
        authorization: `Bearer ${labToken()}`,
        'content-type': 'application/merge-patch+json',
      },
      data: JSON.stringify({
        metadata: { annotations: { 'inspect.metal3.io': '' } },
      }),
    },
  );
  expect(answer.status(), await answer.text()).toBe(200);
  await lab.dispose();
});

test('a host of the guest driven into error shows one notification, linked to its page', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  // The portal serves the host (its cluster is listed and watched).
  await expect
    .poll(
      async () =>
        (
          await request.get(
            `${backend}/api/metal3/hosts/${CLUSTER}/${NS}/${HOST}`,
            { headers: { authorization: `Bearer ${guestToken}` } },
          )
        ).status(),
      { timeout: 120_000 },
    )
    .toBe(200);
  // A portal reused from an earlier run may hold this test's notification
  // already: the notifier's scope makes a new episode update it, so the
  // test looks for one notification sent or updated after this point.
  const start = Date.now() - 1000;
  const sentSinceStart = async () => {
    const found = await notificationsOfHost(request);
    const recent = found.filter(
      n => Date.parse(n.updated ?? n.created) >= start,
    );
    return `${found.length} linked to the host, ${recent.length} since the start`;
  };

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

  // The host's inspections fail from now on; an operator re-inspects it.
  await failInspections(true);
  await reinspect(request);

  // The notifier sends once the host reports the error (fleetEvents.checkSeconds).
  await expect
    .poll(sentSinceStart, { timeout: 120_000 })
    .toBe('1 linked to the host, 1 since the start');
  const [sent] = await notificationsOfHost(request);
  const sentAt = sent.updated ?? sent.created;
  expect(sent.payload.title).toBe(TITLE);

  // The bell counts it. It reads the count when the page loads and on a
  // signal; the live push is not asserted (the first run here saw no
  // signal arrive in the development portal within 30 s: left to the
  // signals plugin), the count after a reload is.
  await page.reload();
  const bell = page.getByRole('link', { name: /^Notifications/ });
  await expect(bell).toContainText(/[1-9]/);
  await bell.click();
  await expect(page).toHaveURL(/\/notifications/);
  const item = page.getByRole('link', { name: TITLE });
  await expect(item).toHaveCount(1);
  await expect(
    page.getByText(/timeout reached while inspecting the node/),
  ).toBeVisible();

  // More notifier passes (metal3.fleetEvents.checkSeconds is 15) while the
  // host stays in error, its BMO retrying the inspection: still one, and
  // not sent again (a second send with the same scope would update it).
  await page.waitForTimeout(20_000);
  expect(
    (await notificationsOfHost(request)).map(n => n.updated ?? n.created),
  ).toEqual([sentAt]);
  await page.reload();
  await expect(page.getByRole('link', { name: TITLE })).toHaveCount(1);

  // It leads to the host page.
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page).toHaveURL(new RegExp(`${HOST_PATH}$`));
  await expect(page.getByRole('heading', { name: HOST }).first()).toBeVisible();
});
