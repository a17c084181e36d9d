import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { catalogModuleMetal3 } from './module';

/**
 * The catalog side of a quiet cluster: a lab that changes nothing for three
 * minutes sends only a watch bookmark a minute (its production-like cadence).
 * The provider must keep applying its scheduled full syncs (run here every
 * 20 s through the test scheduler); before watches survived quiet minutes,
 * every informer failed after 30 s, the cluster was marked stale, and each
 * full sync was skipped with a warning.
 */
const QUIET_MS = 3 * 60_000;
jest.setTimeout(QUIET_MS + 120_000);

const admin = mockCredentials.user.header('user:default/admin');
/**
 * The catalog's scheduler (the test backend's: it runs each task once at
 * start-up, as the real one does; the test triggers the rest), captured by
 * a module of the catalog plugin.
 */
let scheduler: SchedulerService;
const captureScheduler = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'capture-scheduler',
  register(env) {
    env.registerInit({
      deps: { pluginScheduler: coreServices.scheduler },
      async init({ pluginScheduler }) {
        scheduler = pluginScheduler;
      },
    });
  },
});
/** How often the test runs the providers' full syncs, as a 20 s schedule would. */
const FULL_SYNC_EVERY_MS = 20_000;

let lab: RunningLab;
let backend: Awaited<ReturnType<typeof startTestBackend>>;
const warnings: string[] = [];
const infos: { at: number; message: string }[] = [];

beforeAll(async () => {
  lab = await startLab({
    stateDir: mkdtempSync(join(tmpdir(), 'lab-quiet-catalog-')),
    // Controllers stand still, as in the catalog benchmark.
    speed: 0.0001,
  });
  const logger = mockServices.rootLogger.mock();
  logger.warn.mockImplementation(message => {
    warnings.push(String(message));
  });
  logger.error.mockImplementation(message => {
    warnings.push(String(message));
  });
  logger.info.mockImplementation(message => {
    infos.push({ at: Date.now(), message: String(message) });
  });
  logger.child.mockReturnValue(logger);
  backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleMetal3,
      logger.factory,
      captureScheduler,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          metal3: {
            clusters: lab.clusters.map(c => ({
              name: c.name,
              authProvider: 'kubeconfig',
              kubeconfig: { file: lab.kubeconfigPath, context: c.name },
            })),
          },
        },
      }),
    ],
  });
}, 60_000);

afterAll(async () => {
  await backend?.stop();
  await lab?.stop();
}, 30_000);

async function hostCount(): Promise<number> {
  const res = await request(backend.server)
    .get(
      '/api/catalog/entities/by-query?filter=kind=resource,spec.type=baremetal-host&limit=1',
    )
    .set('Authorization', admin);
  return res.body.totalItems ?? 0;
}

it('applies every scheduled full sync of a cluster where nothing changes for three minutes, without a warning', async () => {
  const seeded = lab.clusters.reduce(
    (n, c) =>
      n +
      c.store.list({ group: 'metal3.io', resource: 'baremetalhosts' }).length,
    0,
  );
  const until = Date.now() + 60_000;
  while ((await hostCount()) < seeded && Date.now() < until) {
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  expect(await hostCount()).toBe(seeded);

  const quietFrom = Date.now();
  const tasks = (await scheduler.getScheduledTasks())
    .map(t => t.id)
    .filter(id => id.startsWith('metal3:'));
  expect(tasks.sort()).toEqual([
    'metal3:edge-lab:full',
    'metal3:kube-dc-mgmt:full',
  ]);
  const catalogScheduler = scheduler;
  const runAll = () =>
    Promise.all(tasks.map(id => catalogScheduler.triggerTask(id)));
  let runs = 0;
  while (Date.now() - quietFrom < QUIET_MS) {
    await new Promise(resolve => setTimeout(resolve, FULL_SYNC_EVERY_MS));
    await runAll();
    runs += tasks.length;
  }

  const applied = infos.filter(
    i => i.at >= quietFrom && i.message.startsWith('Full sync applied'),
  );
  // Every full sync of the quiet window was applied, none skipped.
  expect(runs).toBeGreaterThanOrEqual(16);
  expect(applied).toHaveLength(runs);
  expect(warnings).toEqual([]);
  expect(await hostCount()).toBe(seeded);
});
