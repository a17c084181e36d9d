import { expect, test } from '@playwright/test';
import { publishedReadmes } from './pack';
import {
  applyCodeSnippet,
  extractSnippets,
  freshAppSteps,
  mergeYaml,
  requireSnippets,
  shellCommands,
} from './snippets';

/*
 * How the fresh-app test reads and applies the READMEs' install steps: no
 * browser, no app, a second. Run with
 *   yarn playwright test -c playwright.fresh-app.config.ts snippets
 */

const README = `# @metal3-fleet/plugin-metal3-backend

Some text.

<!-- fresh-app:backend-install -->

\`\`\`sh
# in the app's root folder
yarn --cwd packages/backend add @metal3-fleet/plugin-metal3-backend
\`\`\`

<!-- fresh-app:backend -->

\`\`\`ts
// packages/backend/src/index.ts
backend.add(import('@metal3-fleet/plugin-metal3-backend'));

backend.start();
\`\`\`

\`\`\`sh
yarn not-marked
\`\`\`
`;

const BACKEND_INDEX = `import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.start();
`;

test('only the marked blocks are steps, with their language and text', () => {
  const snippets = extractSnippets(README, 'README.md');
  expect(snippets.map(s => [s.name, s.lang])).toEqual([
    ['backend-install', 'sh'],
    ['backend', 'ts'],
  ]);
  expect(snippets[1].code).toBe(
    "// packages/backend/src/index.ts\nbackend.add(import('@metal3-fleet/plugin-metal3-backend'));\n\nbackend.start();",
  );
});

test('a missing step fails naming its mark; a mark without a block fails naming the line', () => {
  const snippets = extractSnippets(README, 'README.md');
  expect(() =>
    requireSnippets(snippets, ['backend', 'frontend-new', 'frontend-entity']),
  ).toThrow(
    /no README marks <!-- fresh-app:frontend-new -->, <!-- fresh-app:frontend-entity -->/,
  );
  expect(() =>
    extractSnippets('<!-- fresh-app:lost -->\n\nprose\n', 'X.md'),
  ).toThrow(
    'X.md:1: <!-- fresh-app:lost --> is not followed by a fenced code block',
  );
});

test('shell steps run as written but for the package spec, which names the tarball', () => {
  const [install] = extractSnippets(README, 'README.md');
  expect(
    shellCommands(install, {
      '@metal3-fleet/plugin-metal3-backend': '/tmp/packs/backend.tgz',
    }),
  ).toEqual([
    'yarn --cwd packages/backend add @metal3-fleet/plugin-metal3-backend@file:/tmp/packs/backend.tgz',
  ]);
  expect(() => shellCommands(install, {})).toThrow(
    /installs @metal3-fleet\/plugin-metal3-backend, which is not one of the packed packages/,
  );
});

test('code steps go where their context puts them, imports with the imports', () => {
  const [, add] = extractSnippets(README, 'README.md');
  expect(applyCodeSnippet(BACKEND_INDEX, add))
    .toBe(`import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@metal3-fleet/plugin-metal3-backend'));
backend.start();
`);

  // An old-frontend-system app's routes (create-app --legacy).
  const app = `import React from 'react';
import {
  AlertDisplay,
  OAuthRequestDialog,
} from '@backstage/core-components';

const routes = (
  <FlatRoutes>
    <Route path="/catalog" element={<CatalogIndexPage />} />
    <Route path="/settings" element={<UserSettingsPage />} />
  </FlatRoutes>
);
`;
  const [routes] = extractSnippets(
    `<!-- fresh-app:frontend-routes -->

\`\`\`tsx
// packages/app/src/App.tsx
import { Metal3Page } from '@metal3-fleet/plugin-metal3';

const routes = (
  <FlatRoutes>
    <Route path="/fleet" element={<Metal3Page />} />
  </FlatRoutes>
);
\`\`\``,
    'README.md',
  );
  const withRoute = applyCodeSnippet(app, routes);
  expect(withRoute).toBe(`import React from 'react';
import {
  AlertDisplay,
  OAuthRequestDialog,
} from '@backstage/core-components';
import { Metal3Page } from '@metal3-fleet/plugin-metal3';

const routes = (
  <FlatRoutes>
    <Route path="/catalog" element={<CatalogIndexPage />} />
    <Route path="/settings" element={<UserSettingsPage />} />
    <Route path="/fleet" element={<Metal3Page />} />
  </FlatRoutes>
);
`);
  expect(() => applyCodeSnippet(withRoute, routes)).toThrow(
    /changes nothing in packages\/app\/src\/App.tsx/,
  );
});

test('yaml steps merge into the file: maps by key, lists appended, comments kept', () => {
  const config = `# the app's config
catalog:
  rules:
    - allow: [Component]
  locations:
    # the examples
    - type: file
      target: ../../examples/entities.yaml
`;
  expect(
    mergeYaml(
      config,
      `# app-config.yaml
catalog:
  locations:
    - type: file
      target: ../../node_modules/x/templates/catalog-info.yaml
      rules:
        - allow: [Location, Template]
metal3:
  lab:
    external: true
`,
    ),
  ).toBe(`# the app's config
catalog:
  rules:
    - allow: [Component]
  locations:
    # the examples
    - type: file
      target: ../../examples/entities.yaml
    - type: file
      target: ../../node_modules/x/templates/catalog-info.yaml
      rules:
        - allow: [Location, Template]
metal3:
  lab:
    external: true
`);
  expect(mergeYaml('', 'a: { b: 1 }\n')).toBe('a: {b: 1}\n');
});

test('the published READMEs mark every step the fresh-app test runs, once each', () => {
  // The same check the fresh-app test makes first, here in every browser run
  // (seconds): a README that loses a mark fails CI even when the fresh-app
  // test itself is skipped.
  const snippets = Object.entries(publishedReadmes()).flatMap(([dir, text]) =>
    extractSnippets(text, `${dir}/README.md`),
  );
  const { steps, labRun } = freshAppSteps(snippets);
  expect(steps.map(s => s.name)).toEqual(
    expect.arrayContaining(['backend-install', 'frontend-new', 'lab-config']),
  );
  expect(labRun.lang).toBe('sh');
});
