#!/usr/bin/env node
/*
 * The packaging stamp of the fresh-app test (docs/development.md, "The
 * fresh-app test"): a hash of what decides whether a stranger's portal can
 * install the plugin set — each published package's package.json and README
 * (its install steps), the templates the scaffolder module ships, the lab's
 * bin, and the test itself. The test writes it when it passes; .ci/run runs
 * the test only when the committed stamp no longer matches.
 *
 *   node scripts/fresh-app-stamp.mjs check   # exit 0 when unchanged since the last pass
 *   node scripts/fresh-app-stamp.mjs write   # after a pass (the test does it)
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TEST_DIR = 'packages/app/e2e-tests/fresh-app';
const STAMP = join(ROOT, TEST_DIR, 'packaging.sha256');

/** The published packages: the workspaces that are not private. */
const PUBLISHED = ['plugins', 'packages'].flatMap(parent =>
  readdirSync(join(ROOT, parent))
    .map(name => `${parent}/${name}`)
    .filter(dir => {
      try {
        return !JSON.parse(
          readFileSync(join(ROOT, dir, 'package.json'), 'utf8'),
        ).private;
      } catch {
        return false; // not a package (a README)
      }
    }),
);

function filesUnder(dir) {
  return readdirSync(join(ROOT, dir)).flatMap(entry => {
    const path = join(dir, entry);
    return statSync(join(ROOT, path)).isDirectory() ? filesUnder(path) : [path];
  });
}

function packagingFiles() {
  return [
    ...PUBLISHED.flatMap(pkg => [`${pkg}/package.json`, `${pkg}/README.md`]),
    ...filesUnder('packages/metal3-lab/bin'),
    ...filesUnder('examples/templates'),
    ...filesUnder(TEST_DIR).filter(f => join(ROOT, f) !== STAMP),
    'packages/app/e2e-tests/production/processes.ts',
    'playwright.fresh-app.config.ts',
    relative(ROOT, fileURLToPath(import.meta.url)),
  ].sort();
}

function packagingHash() {
  const hash = createHash('sha256');
  for (const file of packagingFiles()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const command = process.argv[2];
if (command === 'write') {
  writeFileSync(STAMP, `${packagingHash()}\n`);
} else if (command === 'check') {
  let stamped = '';
  try {
    stamped = readFileSync(STAMP, 'utf8').trim();
  } catch {
    // No stamp yet: the test has never passed on this state.
  }
  const current = packagingHash();
  if (stamped !== current) {
    console.log(
      `fresh-app: packaging changed since the test last passed (stamp ${
        stamped.slice(0, 12) || 'none'
      }, now ${current.slice(0, 12)})`,
    );
    process.exit(1);
  }
  console.log('fresh-app: packaging unchanged since the test last passed');
} else {
  console.error('usage: node scripts/fresh-app-stamp.mjs check|write');
  process.exit(2);
}
