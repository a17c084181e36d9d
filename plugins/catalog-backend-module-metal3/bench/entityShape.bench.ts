/* eslint-disable no-console */
/**
 * Entity-shape experiment (issue: catalog entities, target "≤ 1.15× plain").
 * Prints, asserts nothing. The host entities this module builds from the lab
 * at 10,000 hosts are captured once, then fed by a trivial provider to fresh
 * catalog backends (SQLite in memory), one shape after the other in this
 * process, each timed until all are readable through the catalog API:
 *
 *  - plain:    name, two location annotations, type, owner (the baseline);
 *  - current:  the entities as this module builds them (each fact once);
 *  - previous: the shape it built before, with copies and tags.
 *
 * The default order, plain, current, previous, previous, current, plain, puts
 * each shape once early and once late: the catalog's time drifts between runs
 * in one process, so a shape measured only later would look slower.
 * SQL_PROFILE=1 also prints where SQLite spent its time for each run.
 *
 *   yarn workspace @metal3-fleet/plugin-catalog-backend-module-metal3 bench:shape
 *
 * SHAPES=plain,current picks shapes; HOSTS overrides the host count; PROBE=query
 * polls by-query instead of the facets (see waitUntilReadable).
 */
import { Entity } from '@backstage/catalog-model';
import { DeferredEntity } from '@backstage/plugin-catalog-node';
import { startLab } from '@metal3-fleet/metal3-lab';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  benchConfig,
  describeReadiness,
  labEntityProvider,
  mean,
  plainEntity,
  Readiness,
  staticEntitiesModule,
  timeCatalogRun,
} from './benchSetup';
import { labelValue } from '../src/mappers/common';

const HOSTS = Number(process.env.HOSTS ?? 10_000);
const SHAPES = (
  process.env.SHAPES ?? 'plain,current,previous,previous,current,plain'
).split(',');
jest.setTimeout(120 * 60_000);

const P = 'metal3.backstage.io';

/**
 * The shape this module built until 2026-12-06, rebuilt from the current one:
 * the object's cluster, namespace, kind and pool repeated under our prefix,
 * the numeric hardware facts as annotations and again as labels, cluster,
 * vendor and pool labels, and three tags.
 */
function previous(entity: Entity): Entity {
  const annotations = { ...entity.metadata.annotations };
  const labels = { ...entity.metadata.labels };
  const pool = (entity.spec?.dependencyOf as string[] | undefined)?.[0];
  const vendor = annotations[`${P}/hardware-vendor`];
  const protocol = labels[`${P}/bmc-protocol`];
  annotations[`${P}/cluster`] = annotations['backstage.io/kubernetes-cluster'];
  annotations[`${P}/namespace`] =
    annotations['backstage.io/kubernetes-namespace'];
  annotations[`${P}/kind`] = 'BareMetalHost';
  annotations[`${P}/bmc-protocol`] = protocol;
  if (pool) annotations[`${P}/pool`] = pool;
  for (const fact of [
    'cpu-cores',
    'ram-gib',
    'disk-count',
    'disk-total-gb',
    'nic-count',
  ]) {
    if (labels[`${P}/${fact}`])
      annotations[`${P}/hardware-${fact}`] = labels[`${P}/${fact}`];
  }
  for (const fact of ['disk-count', 'disk-total-gb', 'nic-count'])
    delete labels[`${P}/${fact}`];
  labels[`${P}/cluster`] = annotations['backstage.io/kubernetes-cluster'];
  if (vendor) labels[`${P}/vendor`] = labelValue(vendor)!;
  if (pool) labels[`${P}/pool`] = pool.split('.').pop()!;
  const tags = ['baremetal', protocol, labelValue(vendor)].filter(
    (t): t is string => Boolean(t),
  );
  return {
    ...entity,
    metadata: { ...entity.metadata, annotations, labels, tags },
  };
}

const SHAPERS: Record<string, (entity: Entity) => Entity> = {
  plain: entity =>
    plainEntity(`plain-${entity.metadata.name}`.slice(0, 63), 'baremetal-host'),
  current: entity => entity,
  previous,
  // Two probes of what the catalog's time follows, each from plain: as many
  // fields as the current shape but tiny ones, and plain with the current
  // shape's size in JSON but in one field.
  fields: entity => {
    const base = SHAPERS.plain(entity);
    const extra = leaves(entity) - leaves(base);
    const annotations = { ...base.metadata.annotations };
    for (let i = 0; i < extra; i++) annotations[`f${i}`] = `${i}`;
    return { ...base, metadata: { ...base.metadata, annotations } };
  },
  size: entity => {
    const base = SHAPERS.plain(entity);
    const pad = JSON.stringify(entity).length - JSON.stringify(base).length;
    return {
      ...base,
      metadata: { ...base.metadata, description: 'x'.repeat(Math.max(0, pad)) },
    };
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
  const { provider, stop } = await labEntityProvider(lab.kubeconfigPath);
  let captured: DeferredEntity[] = [];
  await provider.connect({
    applyMutation: async (mutation: any) => {
      captured = mutation.entities;
    },
    refresh: async () => {},
  });
  await provider.fullSync();
  stop();
  await lab.stop();
  return captured.filter(e => e.entity.spec?.type === 'baremetal-host');
}

/**
 * SQL_PROFILE=1: time every SQLite statement by its text (better-sqlite3 runs
 * them synchronously, so the time is the statement's own) and print the top
 * ones after each shape.
 */
const sqlTimes = new Map<string, { n: number; ms: number }>();
function profileSql() {
  // eslint-disable-next-line @backstage/no-undeclared-imports
  const Database = require('better-sqlite3');
  const proto = Object.getPrototypeOf(
    new Database(':memory:').prepare('select 1'),
  );
  for (const method of ['run', 'all', 'get']) {
    const original = proto[method];
    proto[method] = function timed(this: any, ...args: unknown[]) {
      const t0 = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const key = String(this.source)
          .replace(/\?(, \?)+/g, '?,…')
          .slice(0, 160);
        const entry = sqlTimes.get(key) ?? { n: 0, ms: 0 };
        entry.n += 1;
        entry.ms += performance.now() - t0;
        sqlTimes.set(key, entry);
      }
    };
  }
}
function printSqlTimes(shape: string) {
  const top = [...sqlTimes.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const all = top.reduce((sum, [, v]) => sum + v.ms, 0);
  process.stderr.write(`SQL ${shape}: ${(all / 1000).toFixed(1)} s in all\n`);
  for (const [sql, v] of top.slice(0, 12))
    process.stderr.write(`  ${(v.ms / 1000).toFixed(2)} s ${v.n}× ${sql}\n`);
  sqlTimes.clear();
}

async function timeUntilReadable(
  entities: DeferredEntity[],
): Promise<Readiness> {
  const readiness = await timeCatalogRun(
    [staticEntitiesModule('shape-bench', entities), benchConfig()],
    'baremetal-host',
    entities.length,
  );
  // A stopped backend must leave nothing running that takes CPU from the next.
  const cpu = process.cpuUsage();
  await new Promise(r => setTimeout(r, 5000));
  const used = process.cpuUsage(cpu);
  process.stderr.write(
    `after stop: ${((used.user + used.system) / 50_000).toFixed(0)}% CPU\n`,
  );
  return readiness;
}

// A benchmark, not a test: it prints figures and asserts nothing.
// eslint-disable-next-line jest/expect-expect
it('prints the catalog time per entity shape', async () => {
  const hosts = await captureHostEntities();
  if (process.env.SQL_PROFILE) profileSql();
  const inspected = hosts.find(
    h => h.entity.metadata.annotations?.['metal3.backstage.io/hardware-vendor'],
  )!.entity;
  const lines: string[] = [];
  const runs = new Map<string, number[]>();
  for (const shape of SHAPES) {
    const shaper = SHAPERS[shape];
    if (!shaper) throw new Error(`unknown shape "${shape}"`);
    const readiness = await timeUntilReadable(
      hosts.map(h => ({ ...h, entity: shaper(h.entity) })),
    );
    if (process.env.SQL_PROFILE) printSqlTimes(shape);
    runs.set(shape, [...(runs.get(shape) ?? []), readiness.ms]);
    const line = `${shape}: ${leaves(
      shaper(inspected),
    )} leaf fields per inspected host, ${
      hosts.length
    } readable in ${describeReadiness(readiness)}`;
    process.stderr.write(`${line}\n`);
    lines.push(line);
  }
  const plainMean = runs.has('plain') ? mean(runs.get('plain')!) : undefined;
  for (const [shape, ms] of runs) {
    lines.push(
      `mean ${shape}: ${(mean(ms) / 1000).toFixed(1)} s over ${
        ms.length
      } run(s)${
        plainMean ? `, ${(mean(ms) / plainMean).toFixed(2)}× plain` : ''
      }`,
    );
  }
  console.log(`\n${lines.join('\n')}\n`);
});
