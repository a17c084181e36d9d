import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/*
 * No Docker engine here to build the image: these are the image's promises
 * that can be read off the Dockerfile. That the bundle starts from a
 * production-only install without the lab is proven by the production
 * end-to-end test, which does the Dockerfile's steps (productionInstall.ts).
 */

const REPO = join(__dirname, '../../../..');
const dockerfile = readFileSync(
  join(REPO, 'packages/backend/Dockerfile'),
  'utf8',
).replace(/\\\n/g, ' ');
const instructions = dockerfile
  .split('\n')
  .filter(line => /^[A-Z]+ /.test(line));
/** The instructions of the last stage: what the running image is. */
const finalStage = instructions.slice(
  instructions.map(i => i.startsWith('FROM ')).lastIndexOf(true),
);

describe('the production image (packages/backend/Dockerfile)', () => {
  it("builds on the toolchain's Node version, written once in .node-version", () => {
    const froms = instructions.filter(i => i.startsWith('FROM '));
    expect(froms.length).toBeGreaterThan(0);
    for (const from of froms) {
      expect(from).toMatch(/^FROM node:\$\{NODE_VERSION\}-bookworm-slim/);
    }
    expect(instructions).toContain('ARG NODE_VERSION');
    const toolchain = readFileSync(join(REPO, 'scripts/toolchain.sh'), 'utf8');
    expect(toolchain).toContain(
      'NODE_PACKAGE_VERSION="$(cat "$REPO_ROOT/.node-version")"',
    );
    expect(readFileSync(join(REPO, '.node-version'), 'utf8').trim()).toMatch(
      /^22\.\d+\.\d+$/,
    );
    const backend = JSON.parse(
      readFileSync(join(REPO, 'packages/backend/package.json'), 'utf8'),
    );
    expect(backend.scripts['build-image']).toContain(
      'NODE_VERSION=$(cat ../../.node-version)',
    );
  });

  it('installs ipmitool, runs as the unprivileged node user and checks /api/metal3/health', () => {
    expect(
      finalStage.some(i => /^RUN .*apt-get install .*\bipmitool\b/.test(i)),
    ).toBe(true);
    const users = finalStage.filter(i => i.startsWith('USER '));
    expect(users).toEqual(['USER node']);
    expect(finalStage.findIndex(i => i.startsWith('USER '))).toBeLessThan(
      finalStage.findIndex(i => i.startsWith('CMD ')),
    );
    const healthcheck = finalStage.find(i => i.startsWith('HEALTHCHECK '));
    expect(healthcheck).toContain('http://127.0.0.1:7007/api/metal3/health');
  });

  it('copies every file the production catalog locations point to, and no lab', () => {
    const production = parse(
      readFileSync(join(REPO, 'app-config.production.yaml'), 'utf8'),
    );
    const copied = finalStage
      .filter(i => i.startsWith('COPY ') && !i.includes('--from='))
      .flatMap(i => i.split(/\s+/).slice(1, -1))
      .filter(arg => !arg.startsWith('--'));
    const files = production.catalog.locations
      .map((l: { target: string }) => l.target)
      .filter((target: string) => target.startsWith('./'));
    expect(files.length).toBeGreaterThan(0);
    for (const target of files) {
      const path = target.slice(2);
      expect(
        copied.some(source => path === source || path.startsWith(`${source}/`)),
      ).toBe(true);
    }
    // The organisation is mounted, at the path the production config reads.
    expect(
      production.catalog.locations.map((l: { target: string }) => l.target),
    ).toContain('${PORTAL_ORG_FILE:-/app/org/org.yaml}');
    expect(dockerfile).not.toMatch(/metal3-lab|guest-provider/);
    const cmd = finalStage.find(i => i.startsWith('CMD '))!;
    expect(JSON.parse(cmd.slice(4))).toEqual([
      'node',
      'packages/backend',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
      '--config',
      '/app/config/app-config.site.yaml',
    ]);
  });
});
