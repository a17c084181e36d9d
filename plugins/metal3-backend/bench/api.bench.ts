/* eslint-disable no-console */
/**
 * End-to-end API benchmark at 10,000 lab hosts (issue: live fleet API).
 * Prints, asserts nothing:
 *  - time from backend start to a full cache (every host served by GET /hosts);
 *  - retained heap per 1,000 hosts (heap after a full cache minus before the
 *    backend started, after forced GCs);
 *  - the longest event-loop block while the caches fill;
 *  - p50/p95/p99 of GET /hosts (page of 50, a status filter, free text,
 *    facets), over HTTP in-process.
 *
 *   yarn workspace @metal3-fleet/plugin-metal3-backend bench:api
 *
 * The lab runs in its own process (`yarn lab`, controllers slowed to a
 * standstill) so that its work and memory do not count as the backend's.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { startLabProcess } from '@metal3-fleet/metal3-lab';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import request from 'supertest';
import { metal3Plugin } from '../src/plugin';

const HOSTS = Number(process.env.HOSTS ?? 10_000);
const REQUESTS = Number(process.env.REQUESTS ?? 500);
const admin = mockCredentials.user.header('user:default/admin');
jest.setTimeout(15 * 60_000);

function heapAfterGc(): number {
  const gc = (global as any).gc as (() => void) | undefined;
  if (!gc) throw new Error('run with --expose-gc (the bench:api script does)');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

// A benchmark, not a test: it prints figures and asserts nothing.
// eslint-disable-next-line jest/expect-expect
it('prints the fleet API figures at 10,000 hosts', async () => {
  // Warm-up against a lab without extra hosts: loads and initialises every
  // module once, so neither module loading nor its heap counts below.
  const warmLab = await startLabProcess({ hosts: 0 });
  const warm = await startBackend(warmLab.kubeconfig);
  await waitForHosts(warm.server, 20);
  await warm.stop();
  await warmLab.stop();

  const lab = await startLabProcess({ hosts: HOSTS });
  // The seeded fleet (20 hosts in two clusters) plus the benchmark hosts.
  const total = HOSTS + 20;
  const before = heapAfterGc();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  const { server } = await startBackend(lab.kubeconfig);
  await waitForHosts(server, total);
  const fullCacheMs = performance.now() - started;
  loop.disable();
  const after = heapAfterGc();

  const latencies: number[] = [];
  const terms = ['worker', 'bench-0', '-storage', 'r12', 'hpe'];
  for (let i = 0; i < REQUESTS; i++) {
    const path = `/api/metal3/hosts?limit=50&status=available&q=${encodeURIComponent(
      terms[i % terms.length],
    )}&sort=name`;
    const t = performance.now();
    const res = await request(server).get(path).set('Authorization', admin);
    latencies.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
  }
  latencies.sort((a, b) => a - b);
  const perThousand = ((after - before) / total) * 1000;
  console.log(
    [
      '',
      `fleet API with ${total} hosts in 2 clusters:`,
      `  time to a full cache: ${(fullCacheMs / 1000).toFixed(2)} s`,
      `  retained heap: ${((after - before) / 1e6).toFixed(1)} MB, ${(
        perThousand / 1024
      ).toFixed(
        0,
      )} KB per 1,000 hosts (target ≤ 2,500 KB, i.e. ≤ 2.5 KB per host)`,
      `  longest event-loop block while the caches filled: ${(
        loop.max / 1e6
      ).toFixed(0)} ms (target ≤ 50 ms)`,
      `  GET /hosts (page of 50, status filter, free text, facets), ${REQUESTS} requests: p50 ${percentile(
        latencies,
        0.5,
      ).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(
        1,
      )} ms (target ≤ 15 ms), p99 ${percentile(latencies, 0.99).toFixed(1)} ms`,
      '',
    ].join('\n'),
  );
  await lab.stop();
});

function startBackend(kubeconfig: string) {
  return startTestBackend({
    features: [
      metal3Plugin,
      mockServices.rootConfig.factory({
        data: {
          metal3: {
            // The lab runs in its own process (no BMC is read by this bench).
            lab: { external: true },
            clusters: ['kube-dc-mgmt', 'edge-lab'].map(name => ({
              name,
              authProvider: 'kubeconfig',
              kubeconfig: { file: kubeconfig, context: name },
            })),
          },
        },
      }),
    ],
  });
}

async function waitForHosts(server: any, total: number): Promise<void> {
  for (;;) {
    const res = await request(server)
      .get('/api/metal3/hosts?limit=1')
      .set('Authorization', admin);
    if ((res.body.total ?? 0) >= total) return;
    await new Promise(r => setTimeout(r, 50));
  }
}
