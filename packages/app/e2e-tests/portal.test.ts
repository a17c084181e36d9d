import { expect, test } from '@playwright/test';

const backend = 'http://localhost:7007';

test('the catalog API requires a token and accepts a guest token', async ({
  request,
}) => {
  const anonymous = await request.get(`${backend}/api/catalog/entities`);
  expect(anonymous.status()).toBe(401);

  const session = await request.get(`${backend}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(session.ok()).toBeTruthy();
  const token = (await session.json()).backstageIdentity.token;

  const componentNames = async () => {
    const entities = await request.get(
      `${backend}/api/catalog/entities?filter=kind=component`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(entities.status()).toBe(200);
    return (await entities.json()).map(
      (e: { metadata: { name: string } }) => e.metadata.name,
    );
  };
  // The catalog ingests its locations shortly after start-up.
  await expect
    .poll(componentNames, { timeout: 60_000 })
    .toEqual(
      expect.arrayContaining([
        'plugin-metal3',
        'plugin-metal3-backend',
        'metal3-lab',
      ]),
    );
});

test('a guest signs in and finds this project in the catalog', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

  // The catalog is the landing page and lists components by default;
  // entities show their titles.
  await expect(page.getByText('Kube-DC Catalog')).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Metal3 backend plugin' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Metal3 lab' })).toBeVisible();

  await page.getByRole('link', { name: 'Metal3 backend plugin' }).click();
  await expect(
    page.getByText('Live fleet REST API, permissions and audit').first(),
  ).toBeVisible();
});

test('the Bare metal page is in the navigation', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByRole('link', { name: 'Bare metal' }).click();
  await expect(page).toHaveURL(/\/metal3$/);
  await expect(page.getByRole('heading', { name: 'Bare metal' })).toBeVisible();
});

test('the fleet page shows the lab fleet; a host powered off from its page goes off', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByRole('link', { name: 'Bare metal' }).click();

  // The lab's two clusters: Kube-DC management and the edge lab.
  await expect(page.getByRole('link', { name: 'worker-0' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'edge-0' })).toBeVisible();
  await expect(page.getByText('Registration error').first()).toBeVisible();

  // Filter to available hosts and open one.
  await page.getByText(/^available: \d+$/).click();
  await expect(page).toHaveURL(/status=available/);
  await expect(page.getByRole('link', { name: 'worker-0' })).toHaveCount(0);
  await page.getByRole('link', { name: 'worker-3' }).click();
  await expect(page.getByRole('heading', { name: 'worker-3' })).toBeVisible();
  // A fresh lab starts every host powered on (the test starts its own portal).
  await expect(page.getByText('power: on')).toBeVisible();

  // Power off goes through spec.online; the lab's operator applies it.
  await page.getByRole('button', { name: 'Power off' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText(/Sets worker-3 offline/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Power off' }).click();
  await expect(page.getByText('power: off')).toBeVisible({ timeout: 20_000 });
});
