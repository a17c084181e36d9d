import { expect, Page, test } from '@playwright/test';
import { open } from './open';

/**
 * The fleet page as people use it, at common screen widths (issue #20 part 1):
 * no header or cell of the fleet table breaks across lines, the widths show
 * different default columns, and more columns scroll the table instead of
 * squeezing it.
 */

const WIDTHS = [1280, 1440, 1920];

const table = (page: Page) =>
  page.getByRole('table', { name: 'bare-metal hosts' });

const headers = async (page: Page) =>
  (await table(page).locator('thead th').allTextContents()).filter(Boolean);

/**
 * Every header and cell of the fleet table that renders on more than one
 * line, with its text and line count. The lines of a cell are the rendered
 * boxes of its text (Range.getClientRects gives one box per line a text
 * breaks into): a box whose middle is below the bottom of the line before it
 * starts a new line (boxes of consecutive lines can overlap by a few pixels
 * when the line height is smaller than the font's box). Boxes side by side
 * (a chip and a caption) share a line. `measured` counts the cells with
 * text, so a measurement that sees nothing cannot pass.
 */
async function measureCells(page: Page) {
  return table(page).evaluate(element => {
    const wrapped: { text: string; lines: number }[] = [];
    let measured = 0;
    for (const cell of Array.from(element.querySelectorAll('th, td'))) {
      const boxes: DOMRect[] = [];
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const box of Array.from(range.getClientRects())) {
          if (box.width > 1 && box.height > 1) boxes.push(box);
        }
      }
      boxes.sort((a, b) => a.top - b.top);
      let lines = 0;
      let bottom = -Infinity;
      for (const box of boxes) {
        if ((box.top + box.bottom) / 2 > bottom) {
          lines += 1;
          bottom = box.bottom;
        } else {
          bottom = Math.max(bottom, box.bottom);
        }
      }
      if (lines > 0) measured += 1;
      if (lines > 1) {
        wrapped.push({ text: cell.textContent ?? '', lines });
      }
    }
    return { measured, wrapped };
  });
}

/** Fails with the cells that wrap; every header and first-page cell measured. */
async function expectNoWraps(page: Page) {
  const rows = await table(page).locator('tbody tr').count();
  const { measured, wrapped } = await measureCells(page);
  expect(wrapped).toEqual([]);
  // at least the host name of every row and every header but the checkbox
  expect(measured).toBeGreaterThanOrEqual(rows + (await headers(page)).length);
}

test.describe('the fleet table at 1280, 1440 and 1920 px', () => {
  const columnsAt: Record<number, string[]> = {};

  for (const width of WIDTHS) {
    test(`no header or cell wraps at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await open(page, '/metal3');
      await expect(page.getByRole('link', { name: 'worker-0' })).toBeVisible();
      // The lab's first cluster has every kind of cell: pooled hosts with
      // nodes, a registration error, free hosts.
      await expect(page.getByText('Registration error').first()).toBeVisible();

      columnsAt[width] = await headers(page);
      expect(columnsAt[width]).toContain('Host');
      await expectNoWraps(page);
      // The page itself never scrolls sideways; only the table may.
      const pageOverflow = await page.evaluate(
        () =>
          document.scrollingElement!.scrollWidth -
          document.scrollingElement!.clientWidth,
      );
      expect(pageOverflow).toBeLessThanOrEqual(0);
    });
  }

  test('wider screens show more columns by default', async ({ page }) => {
    const at = async (width: number) => {
      await page.setViewportSize({ width, height: 900 });
      await open(page, '/metal3');
      await expect(page.getByRole('link', { name: 'worker-0' })).toBeVisible();
      return headers(page);
    };
    const narrow = await at(1280);
    const wide = await at(1920);
    expect(wide.length).toBeGreaterThan(narrow.length);
    expect(wide).toEqual(expect.arrayContaining(narrow));
  });

  test('every column at 1280 px scrolls the table sideways instead of wrapping', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(page, '/metal3');
    await expect(page.getByRole('link', { name: 'worker-0' })).toBeVisible();
    await page.getByRole('button', { name: 'Columns' }).click();
    const menu = page.getByRole('menu');
    for (const box of await menu.getByRole('checkbox').all()) {
      if (!(await box.isChecked()) && (await box.isEnabled())) {
        await box.click();
      }
    }
    await page.keyboard.press('Escape');
    await expect(table(page).getByRole('columnheader')).toHaveCount(
      // the checkbox column and the 13 columns
      14,
    );

    await expectNoWraps(page);
    const container = await table(page).evaluate(element => {
      const parent = element.parentElement!;
      return {
        overflowX: getComputedStyle(parent).overflowX,
        hidden: parent.scrollWidth - parent.clientWidth,
      };
    });
    expect(container.overflowX).toBe('auto');
    expect(container.hidden).toBeGreaterThan(0);
    const pageOverflow = await page.evaluate(
      () =>
        document.scrollingElement!.scrollWidth -
        document.scrollingElement!.clientWidth,
    );
    expect(pageOverflow).toBeLessThanOrEqual(0);
  });
});

test('chart click filters: a part of the fleet overview filters the table on its cluster and value', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await open(page, '/metal3');
  await expect(
    table(page).getByRole('link', { name: 'worker-0' }),
  ).toBeVisible();

  // The lab's management cluster has free (available) hosts; worker-0 is
  // provisioned in its pool.
  const byStatus = page.getByRole('group', {
    name: 'hosts by status per cluster',
  });
  const available = byStatus.getByRole('button', {
    name: /^kube-dc-mgmt: available, \d+ hosts?$/,
  });
  await available.click();
  await expect(page).toHaveURL(/[?&]cluster=kube-dc-mgmt(&|$)/);
  await expect(page).toHaveURL(/[?&]status=available(&|$)/);
  await expect(available).toHaveAttribute('aria-pressed', 'true');
  await expect(table(page).getByRole('link', { name: 'worker-0' })).toHaveCount(
    0,
  );
  // The filter selects say the same as the chart: the URL is the one state.
  await expect(page.locator('[aria-labelledby="facet-status"]')).toHaveText(
    'available',
  );
  const rows = table(page).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    await expect(row).toContainText('Available');
    await expect(row).toContainText('kube-dc-mgmt');
  }

  // A second click clears the filter.
  await available.click();
  await expect(page).not.toHaveURL(/status=/);
  await expect(
    table(page).getByRole('link', { name: 'worker-0' }),
  ).toBeVisible();

  // A pool's part filters on that pool: the table shows its members, as
  // many as the part counts (the lab's pool is small and settled).
  const pool = page
    .getByRole('group', { name: 'hosts by pool per cluster' })
    .getByRole('button', {
      name: /^kube-dc-mgmt: kube-dc-workers, \d+ hosts?$/,
    });
  const members = Number(
    /(\d+) hosts?$/.exec((await pool.getAttribute('aria-label'))!)![1],
  );
  await pool.click();
  await expect(page).toHaveURL(/[?&]pool=kube-dc-workers(&|$)/);
  await expect(table(page).locator('tbody tr')).toHaveCount(members);
  await expect(
    table(page).getByRole('link', { name: 'worker-0' }),
  ).toBeVisible();
  for (const row of await table(page).locator('tbody tr').all()) {
    await expect(row).toContainText('kube-dc-workers');
  }
});
