import { APIRequestContext, expect, Page, test } from '@playwright/test';

/**
 * Exactly-once writes through the UI (issue #15): the fleet's bulk
 * "Remove from pool", clicked twice on one member of a 3-replica pool,
 * leaves the pool at 2 with only that host gone. Runs after portal.test.ts
 * (file order) on the same portal and lab.
 */

const backend = 'http://localhost:7007';
const POOL = '/api/metal3/pools/kube-dc-mgmt/metal3/kube-dc-workers';

async function guestToken(request: APIRequestContext): Promise<string> {
  const session = await request.get(`${backend}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(session.ok()).toBeTruthy();
  return (await session.json()).backstageIdentity.token;
}

/** The pool as the API serves it: desired replicas and member host names. */
async function pool(request: APIRequestContext, token: string) {
  const res = await request.get(`${backend}${POOL}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status()).toBe(200);
  const body = await res.json();
  return {
    desired: body.desiredReplicas as number,
    members: (body.members as { name: string; machine?: string }[])
      .filter(m => m.machine)
      .map(m => m.name)
      .sort(),
  };
}

async function open(page: Page, path: string) {
  await page.goto(path);
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter
    .or(page.getByRole('link', { name: 'Bare metal' }))
    .first()
    .waitFor();
  if (await enter.isVisible()) await enter.click();
}

test('bulk "Remove from pool" clicked twice on one member of a 3-replica pool: the pool is at 2, only that host leaves', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const token = await guestToken(request);

  // A 3-replica pool: scaled through the API, members provisioned by the lab.
  const scaled = await request.post(`${backend}${POOL}/actions/scale`, {
    headers: { authorization: `Bearer ${token}` },
    data: { replicas: 3 },
  });
  expect(scaled.status()).toBe(200);
  await expect
    .poll(async () => (await pool(request, token)).members.length, {
      timeout: 120_000,
    })
    .toBe(3);
  const before = await pool(request, token);
  const target = before.members[before.members.length - 1];
  const others = before.members.filter(m => m !== target);

  const removals: string[] = [];
  page.on('request', r => {
    if (r.method() === 'POST' && r.url().includes('/actions/remove-from-pool'))
      removals.push(r.url());
  });

  await page.setViewportSize({ width: 1600, height: 1000 });
  await open(page, `/metal3?q=${target}`);
  await page.getByRole('checkbox', { name: `select ${target}` }).click();
  const bar = page.getByRole('toolbar', { name: 'bulk actions' });
  await expect(
    bar.getByRole('button', { name: 'Remove from pool' }),
  ).toBeEnabled({
    timeout: 30_000,
  });
  await bar.getByRole('button', { name: 'Remove from pool' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText(`1 host will be removed`)).toBeVisible();
  // The double click of a hurried admin.
  await dialog
    .getByRole('button', { name: 'Remove from pool 1 host' })
    .dblclick();
  await expect(dialog.getByText('1 of 1 succeeded.')).toBeVisible({
    timeout: 30_000,
  });
  await expect(dialog.getByText(`${target}: done`)).toBeVisible();
  expect(removals).toHaveLength(1);

  // The pool went to 2 at once; the named host leaves, the others stay.
  expect((await pool(request, token)).desired).toBe(2);
  await expect
    .poll(async () => (await pool(request, token)).members, {
      timeout: 120_000,
    })
    .toEqual(others);
  expect((await pool(request, token)).desired).toBe(2);
});
