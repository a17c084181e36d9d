import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * The fresh-app test (packages/app/e2e-tests/fresh-app): the plugin set
 * packed and installed into a new create-app portal by the READMEs' steps.
 * It starts that portal itself (no `yarn start` web server here) on the fixed
 * ports 3000 and 7007:
 *   flock /tmp/portal-e2e.lock yarn playwright test -c playwright.fresh-app.config.ts
 * `snippets.test.ts` beside it needs no browser and no lock.
 */
export default defineConfig({
  ...base,
  testMatch: ['packages/app/e2e-tests/fresh-app/**/*.test.ts'],
  testIgnore: [],
  webServer: undefined,
  // beforeAll packs, creates and installs the app (minutes); each test sets
  // its own limit.
  timeout: 180_000,
  reporter: [
    ['list'],
    ['json', { outputFile: 'e2e-test-report/fresh-app.json' }],
  ],
  use: { ...base.use, baseURL: undefined },
});
