// Fails when the install holds two versions of one @backstage/* package, or a
// @backstage/* package that the root `resolutions` do not pin: either means a
// package from another release line slipped in (see docs/development.md).
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const lock = readFileSync(new URL('yarn.lock', root), 'utf8');
const { resolutions = {} } = JSON.parse(
  readFileSync(new URL('package.json', root), 'utf8'),
);

const versions = new Map();
const entry = /^"?(@backstage\/[a-z0-9-]+)@[^\n]*\n {2}version: ([^\n]+)/gm;
for (const [, name, version] of lock.matchAll(entry)) {
  versions.set(name, (versions.get(name) ?? new Set()).add(version));
}

const problems = [];
for (const [name, set] of versions) {
  if (set.size > 1) {
    problems.push(
      `${name}: ${[...set].join(', ')} installed; pin one in resolutions`,
    );
  } else if (!resolutions[name]) {
    problems.push(
      `${name}@${[...set][0]} is not pinned in the root resolutions`,
    );
  } else if (!set.has(resolutions[name])) {
    problems.push(
      `${name}: installed ${[...set][0]}, resolutions say ${resolutions[name]}`,
    );
  }
}

if (problems.length > 0) {
  console.error(
    `Backstage versions are not coherent:\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(
  `backstage versions: ${versions.size} packages, one version each, all pinned`,
);
