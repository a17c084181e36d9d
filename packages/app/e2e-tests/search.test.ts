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

  // The result item of the host (its title links to the host's entity page).
  const hostLink = page.locator(
    'a[href$="/catalog/default/resource/kube-dc-mgmt.metal3.worker-8"]',
  );
  const result = page.getByRole('listitem').filter({ has: hostLink });
  // Until the index has been built with the host and its status: search again.
  await expect(async () => {
    // a fresh load asks for sign-in again, then shows the search page
    await page.goto('/search?query=worker-8');
    await page.getByRole('button', { name: 'Enter' }).click();
    await expect(result.getByLabel('status Registration error')).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 120_000 });
  await expect(result.getByText('Cluster: kube-dc-mgmt')).toBeVisible();
  await expect(
    result.getByText('Bare-metal host', { exact: true }),
  ).toBeVisible();

  // The result opens the host's entity page.
  await result.locator(hostLink).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/resource\/kube-dc-mgmt\.metal3\.worker-8/,
  );
});
