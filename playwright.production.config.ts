import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * The production end-to-end test (packages/app/e2e-tests/production.test.ts):
 * it builds and starts the production bundle itself, with PostgreSQL, the lab
 * in its own process and a local OpenID Connect provider, so no `yarn start`
 * web server here. The lab's unenrolled BMCs have fixed loopback addresses:
 *   flock /tmp/portal-e2e.lock yarn playwright test -c playwright.production.config.ts
 */
export default defineConfig({
  ...base,
  testMatch: ['packages/app/e2e-tests/production.test.ts'],
  testIgnore: [],
  webServer: undefined,
  // beforeAll builds the bundle and, on a fresh clone, installs its
  // production dependencies (minutes); each test sets its own limit.
  timeout: 120_000,
  reporter: [
    ['list'],
    ['json', { outputFile: 'e2e-test-report/production.json' }],
  ],
  use: { ...base.use, baseURL: undefined },
});
