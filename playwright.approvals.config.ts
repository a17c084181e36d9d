import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * The approvals browser test (packages/app/e2e-tests/approvals.test.ts): it
 * starts the development portal itself, with metal3.approvals.required and a
 * second signed-in person (a local OpenID Connect provider beside the guest),
 * so no shared `yarn start` web server here. Ports 3000/7007/6443 are fixed:
 *   flock /tmp/portal-e2e.lock yarn playwright test -c playwright.approvals.config.ts
 */
export default defineConfig({
  ...base,
  testMatch: ['packages/app/e2e-tests/approvals.test.ts'],
  testIgnore: [],
  webServer: undefined,
  reporter: [
    ['list'],
    ['json', { outputFile: 'e2e-test-report/approvals.json' }],
  ],
  use: { ...base.use, baseURL: undefined },
});
