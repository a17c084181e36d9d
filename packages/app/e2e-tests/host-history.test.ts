import { expect, test } from '@playwright/test';
import { open } from './open';

/**
 * The host page's History tab (issue #20 part 2): power and temperature over
 * the last 24 h from the readings the backend samples into its database,
 * and a timeline of the host's operations and Kubernetes events.
 */
test('the host page shows power and temperature over 24 h and a timeline with what just happened', async ({
  page,
}) => {
  // The backend's first sampling pass runs 30 s after start-up.
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await open(page, '/metal3/hosts/kube-dc-mgmt/metal3/worker-5');
  await expect(
    page.getByRole('heading', { name: 'worker-5', exact: true }),
  ).toBeVisible();

  // Something to see on the timeline: the lab's operator records a
  // PowerOff event when it applies the power-off.
  await page.getByRole('button', { name: 'Power off' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Power off' }).click();
  await expect(page.getByText('power: off')).toBeVisible({ timeout: 30_000 });

  const chart = page.getByRole('figure', {
    name: /^power and temperature over the last 24 h: latest power \d+ W, latest temperature \d+ °C$/,
  });
  // Opening the tab again reads the history again, until the first pass.
  await expect(async () => {
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('tab', { name: 'History' }).click();
    await expect(chart).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 150_000 });
  // Both series are drawn (points until there are two readings, then lines).
  await expect(chart.locator('.recharts-line')).toHaveCount(2);

  const timeline = page.getByRole('list', { name: 'host timeline' });
  await expect(
    timeline.getByText(/Event: PowerOff \(BareMetalHost\/worker-5\)/),
  ).toBeVisible();
});
