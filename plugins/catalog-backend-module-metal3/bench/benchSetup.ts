import {
  BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  DeferredEntity,
} from '@backstage/plugin-catalog-node';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { DefaultMetal3ClusterService } from '@metal3-fleet/plugin-metal3-node';
import {
  backendDatabaseConfig,
  dropTestDatabases,
  postgresAdminUrl,
  stopPostgres,
} from '@metal3-fleet/plugin-metal3-node/testUtils';
import { randomBytes } from 'node:crypto';
import { Metal3EntityProvider } from '../src/providers/Metal3EntityProvider';

/**
 * The entity provider of the lab's management cluster over a real, synced
 * cluster service, configured as the portal's is. Benchmarks connect it to a
 * connection of their own, call fullSync, and then `stop` both: a cluster
 * service left running keeps watching the lab while later runs are timed.
 */
export async function labEntityProvider(kubeconfigFile: string) {
  const logger = mockServices.logger.mock();
  const clusters = new DefaultMetal3ClusterService(
    [
      {
        name: 'kube-dc-mgmt',
        title: 'kube-dc-mgmt',
        authProvider: 'kubeconfig',
        kubeconfigFile,
        context: 'kube-dc-mgmt',
      },
    ],
    logger,
  );
  await clusters.getCluster('kube-dc-mgmt').whenSynced();
  const provider = new Metal3EntityProvider({
    cluster: 'kube-dc-mgmt',
    clusters,
    logger,
    taskRunner: { run: async () => {} } as any,
    defaultOwner: 'group:default/metal3-admins',
    ownerKey: 'metal3.backstage.io/owner',
    fleetUrl: 'http://localhost:3000/metal3',
  });
  return {
    provider,
    stop: () => {
      provider.close();
      clusters.stop();
    },
  };
}

/** A catalog module whose provider applies these entities once, as a full mutation. */
export function staticEntitiesModule(name: string, entities: DeferredEntity[]) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: name,
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider({
            getProviderName: () => name,
            connect: async connection =>
              connection.applyMutation({ type: 'full', entities }),
          });
        },
      });
    },
  });
}

/**
 * A minimal entity, the benchmarks' baseline: name, the two location
 * annotations a provider must set, type and owner.
 */
export function plainEntity(name: string, type: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      annotations: {
        'backstage.io/managed-by-location': 'url:http://bench/plain',
        'backstage.io/managed-by-origin-location': 'url:http://bench/plain',
      },
    },
    spec: { type, owner: 'group:default/metal3-admins' },
  };
}

/**
 * The catalog's database in the benchmarks: `DB=pg` runs every catalog on
 * PostgreSQL (the server of `PG_TEST_URL`, else a throwaway one started by
 * scripts/pg-temp.mjs), each run in a database of its own so that no run
 * finds the entities of the one before; the default is Backstage's test
 * default, SQLite in memory. Production catalogs run on PostgreSQL, whose
 * per-row cost differs from SQLite's (docs/benchmarks.md).
 */
export const benchDatabase = process.env.DB === 'pg' ? 'pg' : 'sqlite';
const BENCH_PREFIX = `m3bench_${randomBytes(3).toString('hex')}_`;
let pgAdminUrl: string | undefined;

/** Call once before the runs: starts or finds PostgreSQL when `DB=pg`. */
export async function setUpBenchDatabase(): Promise<void> {
  if (benchDatabase === 'pg') pgAdminUrl = await postgresAdminUrl();
}

/** Call once after the runs: drops the runs' databases, stops a server it started. */
export async function tearDownBenchDatabase(): Promise<void> {
  if (!pgAdminUrl) return;
  await dropTestDatabases(BENCH_PREFIX);
  await stopPostgres();
}

/**
 * The backend config of one catalog run: stitching polled every 250 ms, as
 * app-config.yaml sets it; on PostgreSQL a database of the run's own. Make
 * one per run.
 */
export function benchConfig(extra: object = {}) {
  const database = pgAdminUrl
    ? {
        backend: {
          database: backendDatabaseConfig(
            pgAdminUrl,
            `${BENCH_PREFIX}${randomBytes(3).toString('hex')}_`,
          ),
        },
      }
    : {};
  return mockServices.rootConfig.factory({
    data: {
      app: { baseUrl: 'http://localhost:3000' },
      catalog: {
        stitchingStrategy: { pollingInterval: { milliseconds: 250 } },
      },
      ...database,
      ...extra,
    },
  });
}

/**
 * Starts a fresh catalog backend with these features, waits until `wanted`
 * entities of `type` are readable (timed from before the start), runs
 * `whileRunning` on it if given, and stops it.
 */
export async function timeCatalogRun(
  features: BackendFeature[],
  type: string,
  wanted: number,
  whileRunning?: (server: any) => Promise<void>,
): Promise<Readiness> {
  const startedAt = performance.now();
  const backend = await startTestBackend({
    features: [catalogPlugin, ...features],
  });
  const readiness = await waitUntilReadable(backend.server, type, wanted, {
    startedAt,
  });
  await whileRunning?.(backend.server);
  await backend.stop();
  return readiness;
}

export const mean = (values: number[]) =>
  values.reduce((a, b) => a + b, 0) / values.length;

/** Credentials of a catalog admin for the benchmarks' requests. */
export const admin = mockCredentials.user.header('user:default/admin');

/** How a benchmark learns that entities are readable, and what asking cost. */
export interface Readiness {
  /** From `startedAt` (default: the call) until all wanted entities were readable. */
  ms: number;
  /** Requests made while waiting, and the time the catalog spent answering them. */
  polls: number;
  pollMs: number;
  slowestPollMs: number;
}

/**
 * Waits until `wanted` entities of a `spec.type` are readable through the
 * catalog API, polling every 250 ms.
 *
 * Why two probes: the obvious one, `entities/by-query?filter=…&limit=1` with its
 * totalItems, counts by reading every row of final_entities (the count query
 * tests `final_entity is not null`, and on SQLite that reads each stored
 * entity's JSON). Its cost grows with the number and the size of the stored
 * entities, and polled four times a second it competes with the catalog's own
 * processing for the one SQLite connection, more for larger entities: the
 * probe would bias the figure it measures. The `facets` probe (PROBE=facets,
 * the default) counts the `spec.type` search rows instead, which the stitcher
 * writes after the final entity, from the search index alone; when it reports
 * all, one by-query request confirms that all are readable. PROBE=query polls
 * by-query only, to compare.
 */
export async function waitUntilReadable(
  server: any,
  type: string,
  wanted: number,
  {
    startedAt = performance.now(),
    probe = process.env.PROBE ?? 'facets',
  }: { startedAt?: number; probe?: string } = {},
): Promise<Readiness> {
  const result = { polls: 0, pollMs: 0, slowestPollMs: 0 };
  const timed = async (path: string) => {
    const t0 = performance.now();
    const res = await request(server).get(path).set('Authorization', admin);
    const ms = performance.now() - t0;
    result.polls += 1;
    result.pollMs += ms;
    result.slowestPollMs = Math.max(result.slowestPollMs, ms);
    return res.body;
  };
  const readable = async () =>
    (
      await timed(
        `/api/catalog/entities/by-query?filter=spec.type=${type}&limit=1`,
      )
    ).totalItems ?? 0;
  const indexed = async () => {
    const body = await timed(`/api/catalog/entity-facets?facet=spec.type`);
    const facet = body.facets?.['spec.type'] ?? [];
    return facet.find((f: any) => f.value === type)?.count ?? 0;
  };
  // Entities the catalog rejects never become readable: give up when the
  // count has not moved for a minute instead of waiting forever.
  let last = -1;
  let movedAt = performance.now();
  for (;;) {
    const count = probe === 'query' ? await readable() : await indexed();
    if (count >= wanted && (probe === 'query' || (await readable()) >= wanted))
      break;
    if (count !== last) {
      last = count;
      movedAt = performance.now();
    } else if (performance.now() - movedAt > 60_000) {
      throw new Error(
        `${count} of ${wanted} ${type} entities readable, no progress for 60 s: does the catalog reject them? (see its processing errors)`,
      );
    }
    await new Promise(r => setTimeout(r, 250));
  }
  return { ms: performance.now() - startedAt, ...result };
}

/** "12.3 s (412 polls, 9.8 s answering them, slowest 61 ms)" */
export function describeReadiness(r: Readiness): string {
  return `${(r.ms / 1000).toFixed(1)} s (${r.polls} polls, ${(
    r.pollMs / 1000
  ).toFixed(1)} s answering them, slowest ${r.slowestPollMs.toFixed(0)} ms)`;
}
