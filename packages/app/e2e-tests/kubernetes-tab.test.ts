import { expect, Page, test } from '@playwright/test';

/**
 * Backstage's Kubernetes tab on host and pool entities, against the lab's
 * clusters (app-config.lab.yaml `kubernetes`): the tab lists the Metal3 and
 * Cluster API objects the entity's label selector finds, and no error panel
 * (every kind the plugin lists is served, the lab's token is accepted).
 */

const kubernetesTab = (page: Page) =>
  page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Kubernetes' });

async function openKubernetesTab(page: Page, entityName: string) {
  await page.setViewportSize({ width: 1600, height: 1200 });
  // The catalog ingests the lab's hosts shortly after start-up: load the
  // entity page (a fresh load asks for sign-in again) until its Kubernetes
  // tab is there.
  await expect(async () => {
    await page.goto(`/catalog/default/resource/${entityName}`);
    await page.getByRole('button', { name: 'Enter' }).click();
    await expect(kubernetesTab(page)).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 120_000 });
  await kubernetesTab(page).click();
  // One accordion per cluster (the entity's own: singleTenant), collapsed,
  // under the cluster's title (app-config.lab.yaml).
  await page
    .locator('main')
    .getByText('Kube-DC management cluster', { exact: true })
    .click();
}

async function expectNoErrorPanel(page: Page) {
  await expect(
    page.getByText(
      /problem retrieving|Error communicating|Errors:|Error Reporting/i,
    ),
  ).toHaveCount(0);
}

test("a provisioned host's Kubernetes tab lists its BareMetalHost, Machine and Metal3Machine", async ({
  page,
}) => {
  await openKubernetesTab(page, 'kube-dc-mgmt.metal3.worker-0');
  const main = page.locator('main');
  // Custom resources are grouped by kind, each object by name.
  await expect(
    main.getByText('worker-0', { exact: true }).first(),
  ).toBeVisible();
  await expect(
    main.getByText('kube-dc-workers-7d9f5-abcde', { exact: true }).first(),
  ).toBeVisible();
  await expect(
    main.getByText('kube-dc-workers-m3m-0', { exact: true }).first(),
  ).toBeVisible();
  await expectNoErrorPanel(page);
});

test("a pool's Kubernetes tab lists its MachineDeployment", async ({
  page,
}) => {
  await openKubernetesTab(page, 'kube-dc-mgmt.metal3.kube-dc-workers');
  const main = page.locator('main');
  await expect(
    main.getByText('kube-dc-workers', { exact: true }).first(),
  ).toBeVisible();
  await expect(
    main.getByText('kube-dc-workers-7d9f5', { exact: true }).first(),
  ).toBeVisible();
  await expectNoErrorPanel(page);
});
