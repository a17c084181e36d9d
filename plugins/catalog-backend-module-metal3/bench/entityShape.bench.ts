/* eslint-disable no-console */
/**
 * Entity-shape experiment (issue: catalog entities, target "≤ 1.15× plain").
 * Prints, asserts nothing. The host entities this module builds from the lab
 * at 10,000 hosts are captured once, then fed by a trivial provider to fresh
 * catalog backends (SQLite in memory), one shape after the other in this
 * process, each timed until all are readable through the catalog API:
 *
 *  - plain:   name, two location annotations, type, owner (the baseline);
 *  - current: the entities as this module builds them;
 *  - deduped: each fact once (no labels, no tags, no annotation that repeats
 *             another field);
 *  - facts:   deduped without title, description and link (the facts the
 *             issue asks for and nothing else);
 *  - plain again, to see the drift between the first and the last run.
 *
 *   yarn workspace @internal/plugin-catalog-backend-module-metal3 bench:shape
 *
 * SHAPES=plain,current picks shapes; HOSTS overrides the host count.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { DeferredEntity } from '@backstage/plugin-catalog-node';
import { startLab } from '@internal/metal3-lab';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { labEntityProvider, staticEntitiesModule } from './benchSetup';

const HOSTS = Number(process.env.HOSTS ?? 10_000);
const SHAPES = (
  process.env.SHAPES ?? 'plain,current,deduped,facts,plain'
).split(',');
const admin = mockCredentials.user.header('user:default/admin');
jest.setTimeout(120 * 60_000);

/** Annotations that repeat another field of the same entity. */
const REPEATED = [
  'metal3.backstage.io/cluster', // = backstage.io/kubernetes-cluster
  'metal3.backstage.io/namespace', // = backstage.io/kubernetes-namespace
  'metal3.backstage.io/kind', // = spec.type
  'metal3.backstage.io/pool', // = spec.dependencyOf
];

function deduped(entity: Entity): Entity {
  const { labels, tags, ...metadata } = entity.metadata;
  const annotations = { ...metadata.annotations };
  REPEATED.forEach(key => delete annotations[key]);
  return { ...entity, metadata: { ...metadata, annotations } };
}

const SHAPERS: Record<string, (entity: Entity) => Entity> = {
  plain: entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `plain-${entity.metadata.name}`.slice(0, 63),
      annotations: {
        'backstage.io/managed-by-location': 'url:http://bench/plain',
        'backstage.io/managed-by-origin-location': 'url:http://bench/plain',
      },
    },
    spec: { type: 'baremetal-host', owner: 'group:default/metal3-admins' },
  }),
  current: entity => entity,
  deduped,
  facts: entity => {
    const { title, description, links, ...metadata } = deduped(entity).metadata;
    return { ...entity, metadata } as Entity;
  },
};

/** Leaf fields of an entity, roughly the catalog's search rows for it. */
function leaves(value: unknown): number {
  if (value === null || typeof value !== 'object') return 1;
  if (Array.isArray(value))
    return value.reduce((n, item) => n + leaves(item), 0);
  return Object.values(value).reduce((n: number, v) => n + leaves(v), 0);
}

async function captureHostEntities(): Promise<DeferredEntity[]> {
  const lab = await startLab({
    stateDir: mkdtempSync(join(tmpdir(), 'lab-shape-')),
    hosts: HOSTS,
    speed: 0.0001,
  });
  const provider = await labEntityProvider(lab.kubeconfigPath);
  let captured: DeferredEntity[] = [];
  await provider.connect({
    applyMutation: async (mutation: any) => {
      captured = mutation.entities;
    },
    refresh: async () => {},
  });
  await provider.fullSync();
  provider.close();
  await lab.stop();
  return captured.filter(e => e.entity.spec?.type === 'baremetal-host');
}

async function timeUntilReadable(entities: DeferredEntity[]): Promise<number> {
  const feeder = staticEntitiesModule('shape-bench', entities);
  const started = performance.now();
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      feeder,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          catalog: {
            stitchingStrategy: { pollingInterval: { milliseconds: 250 } },
          },
        },
      }),
    ],
  });
  for (;;) {
    const res = await request(backend.server)
      .get(
        '/api/catalog/entities/by-query?filter=spec.type=baremetal-host&limit=1',
      )
      .set('Authorization', admin);
    if ((res.body.totalItems ?? 0) >= entities.length) break;
    await new Promise(r => setTimeout(r, 250));
  }
  const ms = performance.now() - started;
  await backend.stop();
  return ms;
}

// A benchmark, not a test: it prints figures and asserts nothing.
// eslint-disable-next-line jest/expect-expect
it('prints the catalog time per entity shape', async () => {
  const hosts = await captureHostEntities();
  const inspected = hosts.find(
    h => h.entity.metadata.annotations?.['metal3.backstage.io/hardware-vendor'],
  )!.entity;
  const lines: string[] = [];
  let plainMs: number | undefined;
  for (const shape of SHAPES) {
    const shaper = SHAPERS[shape];
    if (!shaper) throw new Error(`unknown shape "${shape}"`);
    const ms = await timeUntilReadable(
      hosts.map(h => ({ ...h, entity: shaper(h.entity) })),
    );
    if (shape === 'plain' && plainMs === undefined) plainMs = ms;
    const line = `${shape}: ${leaves(
      shaper(inspected),
    )} leaf fields per inspected host, ${hosts.length} readable in ${(
      ms / 1000
    ).toFixed(1)} s${plainMs ? `, ${(ms / plainMs).toFixed(2)}× plain` : ''}`;
    process.stderr.write(`${line}\n`);
    lines.push(line);
  }
  console.log(`\n${lines.join('\n')}\n`);
});
