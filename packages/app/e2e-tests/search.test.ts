import { expect, test } from '@playwright/test';

/**
 * The portal's search page finds a host by name and shows its status and
 * cluster in the result (the Metal3 search result item, from the search
 * document the Metal3 search module fills when the index is built; the lab
 * rebuilds it every 20 s: app-config.lab.yaml `search.collators.catalog`).
 */
test('searching a host by name shows its status and cluster in the result', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1600, height: 1200 });
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

  const result = page
    .locator('main li, main [role="listitem"], main div')
    .filter({ has: page.getByRole('link', { name: 'worker-8', exact: true }) })
    .filter({ hasText: 'Cluster: kube-dc-mgmt' })
    .last();
  // Until the index has been built with the host and its status: search again.
  await expect(async () => {
    await page.goto('/search?query=worker-8');
    await expect(result.getByLabel('status Registration error')).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 120_000 });
  await expect(result.getByText('Cluster: kube-dc-mgmt')).toBeVisible();
  await expect(result.getByText('Bare-metal host')).toBeVisible();

  // The result opens the host's entity page.
  await result.getByRole('link', { name: 'worker-8', exact: true }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/resource\/kube-dc-mgmt\.metal3\.worker-8/,
  );
});
