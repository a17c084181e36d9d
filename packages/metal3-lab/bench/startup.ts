/* eslint-disable no-console */
/**
 * Lab benchmark: start-up with N extra hosts and a full paged LIST of every
 * BareMetalHost through the HTTPS API (pages of 500, as the portal's
 * informers read). Prints figures; asserts nothing.
 *
 *   yarn workspace @metal3-fleet/metal3-lab bench:startup   # HOSTS=10000 by default
 */
import https from 'node:https';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLab } from '../src/startLab';

const HOSTS = Number(process.env.HOSTS ?? 10_000);

function get(url: string, ca: string, token: string): Promise<any> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, headers: { authorization: `Bearer ${token}` } }, res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolve(JSON.parse(Buffer.concat(chunks).toString())),
        );
      })
      .on('error', reject);
  });
}

async function main() {
  const started = performance.now();
  const lab = await startLab({
    hosts: HOSTS,
    stateDir: mkdtempSync(join(tmpdir(), 'lab-bench-')),
  });
  const startup = performance.now() - started;
  const [mgmt] = lab.clusters;

  const listStart = performance.now();
  let count = 0;
  let pages = 0;
  let token: string | undefined;
  do {
    const url = `${mgmt.url}/apis/metal3.io/v1alpha1/baremetalhosts?limit=500${
      token ? `&continue=${token}` : ''
    }`;
    const page = await get(url, mgmt.caPem, mgmt.token);
    count += page.items.length;
    pages += 1;
    token = page.metadata.continue;
  } while (token);
  const list = performance.now() - listStart;
  const heapMb = process.memoryUsage().heapUsed / 1e6;
  console.log(
    `lab with ${HOSTS} extra hosts: start-up ${(startup / 1000).toFixed(
      2,
    )} s (target ≤ 60 s); ` +
      `full paged LIST of ${count} hosts in ${pages} pages: ${(
        list / 1000
      ).toFixed(2)} s (target ≤ 5 s); heap ${heapMb.toFixed(0)} MB`,
  );
  await lab.stop();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
