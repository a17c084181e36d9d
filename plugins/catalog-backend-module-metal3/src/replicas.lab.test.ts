import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import {
  backendDatabaseConfig,
  dropTestDatabases,
  postgresAdminUrl,
  postgresAvailable,
  stopPostgres,
  warnPostgresSkipped,
} from '@metal3-fleet/plugin-metal3-node/testUtils';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { catalogModuleMetal3 } from './module';

/**
 * Two replicas of the portal's catalog (the catalog plugin, this module and
 * the real scheduler) on one PostgreSQL database and one lab. The scheduled
 * full sync of a cluster runs on one replica per period (scope `global`),
 * not on each; a change in the cluster reaches both replicas' watches, both
 * apply the same delta, and the catalog holds the one, current entity.
 */
jest.setTimeout(240_000);

const FREQUENCY_SECONDS = 4;
const WINDOW_MS = 24_000;
const BMH = { group: 'metal3.io', resource: 'baremetalhosts' };
const admin = mockCredentials.user.header('user:default/admin');

const describeOnPostgres = postgresAvailable() ? describe : describe.skip;
if (!postgresAvailable()) warnPostgresSkipped('The two-replica catalog test');

interface Line {
  at: number;
  replica: string;
  level: 'info' | 'debug' | 'warn' | 'error';
  message: string;
}

async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 250));
  }
}

describeOnPostgres('the catalog on two replicas and one PostgreSQL', () => {
  let lab: RunningLab;
  let prefix: string;
  const lines: Line[] = [];
  const backends: Awaited<ReturnType<typeof startTestBackend>>[] = [];

  /** A replica whose log lines are kept, named in them. */
  async function startReplica(name: string, config: object) {
    const logger = mockServices.rootLogger.mock();
    for (const level of ['info', 'debug', 'warn', 'error'] as const) {
      logger[level].mockImplementation(message => {
        lines.push({
          at: Date.now(),
          replica: name,
          level,
          message: String(message),
        });
      });
    }
    logger.child.mockReturnValue(logger);
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleMetal3,
        logger.factory,
        // The real scheduler: global tasks are locked in the catalog's database.
        schedulerServiceFactory,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    backends.push(backend);
    return backend;
  }

  beforeAll(async () => {
    lab = await startLab({
      stateDir: mkdtempSync(join(tmpdir(), 'lab-catalog-replicas-')),
      speed: 100,
    });
    prefix = `m3cat_${randomBytes(4).toString('hex')}_`;
    const config = {
      app: { baseUrl: 'http://localhost:3000' },
      backend: {
        database: backendDatabaseConfig(await postgresAdminUrl(), prefix),
      },
      catalog: {
        providers: {
          metal3: {
            schedule: {
              frequency: { seconds: FREQUENCY_SECONDS },
              timeout: { seconds: 60 },
            },
          },
        },
      },
      metal3: {
        lab: { external: true },
        clusters: lab.clusters.map(c => ({
          name: c.name,
          authProvider: 'kubeconfig',
          kubeconfig: { file: lab.kubeconfigPath, context: c.name },
        })),
      },
    };
    await startReplica('replica-a', config);
    await startReplica('replica-b', config);
  });

  afterAll(async () => {
    for (const backend of backends) await backend.stop();
    await lab?.stop();
    if (prefix) await dropTestDatabases(prefix);
    await stopPostgres();
  });

  async function entity(server: any, name: string) {
    const res = await request(server)
      .get(`/api/catalog/entities/by-name/resource/default/${name}`)
      .set('Authorization', admin);
    return res.status === 200 ? res.body : undefined;
  }

  it('runs the scheduled full sync of each cluster on one replica per period, not on both', async () => {
    // Both replicas are up and have applied their start-up sync.
    await eventually(async () =>
      ['replica-a', 'replica-b'].every(replica =>
        lines.some(
          l =>
            l.replica === replica &&
            l.message.startsWith('Full sync applied') &&
            l.message.endsWith('(start-up)'),
        ),
      ),
    );
    const from = Date.now();
    await new Promise(r => setTimeout(r, WINDOW_MS));
    const scheduled = lines.filter(
      l =>
        l.at >= from &&
        l.message.startsWith('Full sync applied') &&
        l.message.endsWith('(scheduled)'),
    );
    // Two clusters, one run each per period across both replicas: local
    // scope would give twice as many (each replica its own).
    const periods = WINDOW_MS / 1000 / FREQUENCY_SECONDS;
    expect(scheduled.length).toBeGreaterThanOrEqual(2 * (periods - 2));
    expect(scheduled.length).toBeLessThanOrEqual(2 * (periods + 1));
    expect(
      lines.filter(l => l.level === 'error' || l.level === 'warn'),
    ).toEqual([]);
  });

  it('a change both replicas see is applied by both, and the catalog holds the one current entity', async () => {
    const [a, b] = backends.map(backend => backend.server);
    const name = 'kube-dc-mgmt.metal3.worker-0';
    const before = await eventually(() => entity(a, name));
    expect(before.spec.owner).toBe('group:default/metal3-admins');

    const from = Date.now();
    const store = lab.clusters.find(c => c.name === 'kube-dc-mgmt')!.store;
    const host = store.get(BMH, 'metal3', 'worker-0')!;
    host.metadata.labels = {
      ...host.metadata.labels,
      'metal3.backstage.io/owner': 'team-storage',
    };
    delete host.metadata.resourceVersion;
    store.update(BMH, host);

    // Each replica's watch saw it and each sent its delta.
    await eventually(async () =>
      ['replica-a', 'replica-b'].every(replica =>
        lines.some(
          l =>
            l.replica === replica &&
            l.at >= from &&
            l.message.startsWith('Delta applied: 1 added or changed'),
        ),
      ),
    );
    const [seenByA, seenByB] = await eventually(async () => {
      const both = [await entity(a, name), await entity(b, name)];
      return both.every(e => e?.spec.owner === 'group:default/team-storage')
        ? both
        : undefined;
    });
    // One entity, the same row: not re-created, not duplicated.
    expect(seenByA.metadata.uid).toBe(before.metadata.uid);
    expect(seenByB).toEqual(seenByA);
    const owned = await request(a)
      .get(
        `/api/catalog/entities/by-query?filter=metadata.name=${name}&limit=10`,
      )
      .set('Authorization', admin);
    expect(owned.body.items).toHaveLength(1);
  });
});
