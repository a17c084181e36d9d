import { defineConfig } from '@playwright/test';

/**
 * Browser tests against the portal on the embedded lab, in the machine's
 * Chromium (Playwright cannot download its own browsers on closed networks).
 * `scripts/test.sh` installs Debian's chromium when it is missing.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: [
    'packages/*/e2e-tests/**/*.test.ts',
    'plugins/*/e2e-tests/**/*.test.ts',
  ],
  // These start their own portal: playwright.production.config.ts and
  // playwright.fresh-app.config.ts and playwright.approvals.config.ts.
  testIgnore: [
    'packages/app/e2e-tests/production.test.ts',
    'packages/app/e2e-tests/approvals.test.ts',
    // (its snippets.test.ts, seconds and no browser, runs here too.)
    'packages/app/e2e-tests/fresh-app/freshApp.test.ts',
  ],
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [
    ['list'],
    ['json', { outputFile: 'e2e-test-report/results.json' }],
  ],
  webServer: {
    // The README's first command, minus the install (already done by the caller).
    command: 'yarn start',
    url: 'http://localhost:3000',
    reuseExistingServer: !process.env.CI,
    timeout: 600_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  outputDir: 'node_modules/.cache/e2e-test-results',
});
