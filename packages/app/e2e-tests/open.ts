import { Page } from '@playwright/test';

/** Loads a page, signing the guest in when the load asks for it. */
export async function open(page: Page, path: string) {
  await page.goto(path);
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter
    .or(page.getByRole('link', { name: 'Bare metal' }))
    .first()
    .waitFor();
  if (await enter.isVisible()) await enter.click();
}
