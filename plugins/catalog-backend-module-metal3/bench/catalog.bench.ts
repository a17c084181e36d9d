/* eslint-disable no-console */
/**
 * Catalog benchmark at 10,000 lab hosts (issue: catalog entities). Prints
 * figures, asserts nothing:
 *  1. plugin-side full mutation: build + applyMutation of every entity of the
 *     cluster, and the longest event-loop block while it runs;
 *  2. time until all hosts are readable through the catalog API (SQLite),
 *     next to the catalog's own time for 10,000 plain entities in this run
 *     (the mean of one run before and one after the hosts);
 *  3. p50/p95 delay from a BareMetalHost created in the lab to its entity
 *     readable through the catalog API.
 *
 *   yarn workspace @internal/plugin-catalog-backend-module-metal3 bench
 *
 * It runs under Jest only because the Kubernetes client is ESM and the test
 * backend needs Jest's module system; HOSTS overrides the host count.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { startLab } from '@internal/metal3-lab';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import request from 'supertest';
import { catalogModuleMetal3 } from '../src/module';
import {
  admin,
  describeReadiness,
  labEntityProvider,
  staticEntitiesModule,
  waitUntilReadable,
} from './benchSetup';

const HOSTS = Number(process.env.HOSTS ?? 10_000);
jest.setTimeout(30 * 60_000);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const rootConfig = (lab: any, extra: object = {}) =>
  mockServices.rootConfig.factory({
    data: {
      app: { baseUrl: 'http://localhost:3000' },
      // As app-config.yaml: stitching polled every 250 ms for both runs.
      catalog: {
        stitchingStrategy: { pollingInterval: { milliseconds: 250 } },
      },
      metal3: {
        clusters: [
          {
            name: 'kube-dc-mgmt',
            authProvider: 'kubeconfig',
            kubeconfig: { file: lab.kubeconfigPath, context: 'kube-dc-mgmt' },
          },
        ],
      },
      ...extra,
    },
  });

// A benchmark, not a test: it prints figures and asserts nothing.
// eslint-disable-next-line jest/expect-expect
it('prints the catalog figures at 10,000 hosts', async () => {
  const lab = await startLab({
    stateDir: mkdtempSync(join(tmpdir(), 'lab-bench-')),
    hosts: HOSTS,
    // Controllers stand still: the lab shares this process, and 10,000 hosts
    // moving through their states would take CPU from whichever catalog run
    // is being measured (and change its share between the two runs).
    speed: 0.0001,
  });
  if (process.env.BENCH_VERBOSE) process.stderr.write('lab started\n');
  const total = lab.clusters[0].store.list({
    group: 'metal3.io',
    resource: 'baremetalhosts',
  }).length;
  const figures: string[] = [];

  // 1. Plugin side: a provider over a real cluster service, a connection that only counts.
  const provider = await labEntityProvider(lab.kubeconfigPath);
  if (process.env.BENCH_VERBOSE)
    process.stderr.write('cluster service synced\n');
  let emitted = 0;
  await provider.connect({
    applyMutation: async (m: any) => {
      emitted = m.entities?.length ?? m.added?.length ?? 0;
    },
    refresh: async () => {},
  });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const syncStart = performance.now();
  await provider.fullSync();
  const syncMs = performance.now() - syncStart;
  loop.disable();
  if (process.env.BENCH_VERBOSE)
    process.stderr.write(`full sync ${syncMs} ms\n`);
  provider.close();
  figures.push(
    `plugin-side full mutation of ${emitted} entities: ${seconds(
      syncMs,
    )} (target ≤ 8 s); longest event-loop block ${(loop.max / 1e6).toFixed(
      0,
    )} ms (target ≤ 50 ms)`,
  );

  // 2a. The catalog's own time for plain entities, same process, same database kind.
  const plain = staticEntitiesModule(
    'plain-bench',
    Array.from({ length: total }, (_, i) => ({
      locationKey: 'plain-bench',
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: `plain-${i}`,
          annotations: {
            'backstage.io/managed-by-location': 'url:http://bench/plain',
            'backstage.io/managed-by-origin-location': 'url:http://bench/plain',
          },
        },
        spec: {
          type: 'plain',
          owner: 'group:default/metal3-admins',
        },
      },
    })),
  );
  // Measured before and after the hosts: in one process the catalog's time
  // drifts from run to run (the entity-shape bench sees a few per cent), and
  // a single plain run before would credit that drift to the hosts.
  const timePlain = async () => {
    const started = performance.now();
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        plain,
        rootConfig(lab, { metal3: { clusters: [] } }),
      ],
    });
    const readiness = await waitUntilReadable(backend.server, 'plain', total, {
      startedAt: started,
    });
    await backend.stop();
    return readiness;
  };
  const plainBefore = await timePlain();

  // 2b. The hosts through the metal3 module from the lab.
  const ourStart = performance.now();
  const ours = await startTestBackend({
    features: [catalogPlugin, catalogModuleMetal3, rootConfig(lab)],
  });
  const ourReadiness = await waitUntilReadable(
    ours.server,
    'baremetal-host',
    total,
    { startedAt: ourStart },
  );
  const ourMs = ourReadiness.ms;

  // 3. Delay from a BareMetalHost created in the lab to its entity readable.
  const store = lab.clusters[0].store;
  const delays: number[] = [];
  for (let i = 0; i < 20; i++) {
    const name = `bench-new-${i}`;
    const created = performance.now();
    store.create(
      { group: 'metal3.io', resource: 'baremetalhosts' },
      {
        apiVersion: 'metal3.io/v1alpha1',
        kind: 'BareMetalHost',
        metadata: { name, namespace: 'bench' },
        spec: {
          online: false,
          bootMACAddress: `02:00:00:bb:00:${i.toString(16).padStart(2, '0')}`,
          bmc: {
            address: `redfish://192.0.2.${i + 1}/redfish/v1/Systems/1`,
            credentialsName: 'none',
          },
        },
      },
    );
    for (;;) {
      const res = await request(ours.server)
        .get(
          `/api/catalog/entities/by-name/resource/default/kube-dc-mgmt.bench.${name}`,
        )
        .set('Authorization', admin);
      if (res.status === 200) break;
      await new Promise(r => setTimeout(r, 20));
    }
    delays.push(performance.now() - created);
  }
  delays.sort((a, b) => a - b);
  const pct = (p: number) =>
    delays[Math.min(delays.length - 1, Math.floor(p * delays.length))];
  figures.push(
    `BareMetalHost created → entity readable (${
      delays.length
    } hosts): p50 ${seconds(pct(0.5))}, p95 ${seconds(
      pct(0.95),
    )} (targets ≤ 1.5 s / ≤ 3 s)`,
  );
  await ours.stop();

  const plainAfter = await timePlain();
  const plainMs = (plainBefore.ms + plainAfter.ms) / 2;
  figures.splice(
    1,
    0,
    `${total} hosts readable through the catalog API: ${seconds(
      ourMs,
    )}; ${total} plain entities: ${seconds(plainMs)} (mean of ${seconds(
      plainBefore.ms,
    )} before and ${seconds(plainAfter.ms)} after); ratio ${(
      ourMs / plainMs
    ).toFixed(2)} (target ≤ 1.15)`,
    `  waiting for the hosts: ${describeReadiness(
      ourReadiness,
    )}; for the plain entities: ${describeReadiness(
      plainBefore,
    )}, ${describeReadiness(plainAfter)}`,
  );
  await lab.stop();
  console.log(`\n${figures.join('\n')}\n`);
});
