import { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { metal3Plugin } from '../plugin';
import { expectSpecResponse } from '../__testUtils__/specResponses';

/** Every seeded BMC Secret of the lab carries this password. */
const SENTINEL = 'sentinel-history-password-7c2d91';
const TASK = 'metal3-telemetry-history';
const HOST = '/api/metal3/hosts/kube-dc-mgmt/metal3/worker-0';

/**
 * The telemetry history on the lab: the scheduled pass reads the lab's
 * emulated BMCs through the telemetry service, stores power and temperature
 * per host and interval, keeps each host within its bound, and serves the
 * readings on the history route; the BMC password is in no answer or log.
 */
describe('telemetry history on the lab', () => {
  let lab: RunningLab;
  const logged: string[] = [];

  beforeAll(async () => {
    lab = await startLab({
      stateDir: mkdtempSync(join(tmpdir(), 'lab-history-')),
      bmcPassword: SENTINEL,
      speed: 100,
    });
  }, 30_000);

  afterAll(async () => {
    await lab.stop();
  }, 30_000);

  it('stores each pass, bounded per host, and serves the last 24 h', async () => {
    // Passes run when the test says, not on a timer.
    const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
    const scheduler = mockServices.scheduler.mock({
      scheduleTask: async task => {
        tasks.set(task.id, task);
      },
    });
    const runPass = () => tasks.get(TASK)!.fn(new AbortController().signal);
    const logger = mockServices.rootLogger.mock();
    for (const level of ['info', 'warn', 'error', 'debug'] as const) {
      logger[level].mockImplementation((message: string, meta?: unknown) => {
        logged.push(`${message} ${JSON.stringify(meta ?? {})}`);
      });
    }
    logger.child.mockReturnValue(logger);
    const { server } = await startTestBackend({
      features: [
        metal3Plugin,
        logger.factory,
        scheduler.factory,
        mockServices.rootConfig.factory({
          data: {
            metal3: {
              lab: { external: true },
              bmc: {
                allow: ['loopback'],
                allowedNetworks: ['127.100.0.0/16'],
                telemetry: {
                  // Each pass reads the BMC again instead of a cached reading.
                  cacheSeconds: 0.1,
                  history: { sampleIntervalSeconds: 1, maxReadingsPerHost: 2 },
                },
              },
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
    const admin = mockCredentials.user.header('user:default/admin');
    const history = async () =>
      expectSpecResponse(
        await request(server)
          .get(`${HOST}/history`)
          .set('Authorization', admin),
      );

    // The cluster caches fill in the background after start-up.
    for (let i = 0; i < 100; i++) {
      if ((await history()).status === 200) break;
      await new Promise(r => setTimeout(r, 100));
    }
    const before = await history();
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      sampling: true,
      sampleIntervalSeconds: 1,
      readings: [],
    });

    // Three passes, each in an interval of its own.
    const seen: string[] = [];
    for (let pass = 0; pass < 3; pass++) {
      await runPass();
      const { body } = await history();
      seen.push(body.readings.at(-1)?.readAt);
      expect(body.readings.length).toBe(Math.min(pass + 1, 2));
      await new Promise(r => setTimeout(r, 1100));
    }
    const after = (await history()).body;
    // The bound keeps the newest two: the first pass's reading is gone.
    expect(after.readings.map((r: any) => r.readAt)).toEqual(seen.slice(1));
    for (const reading of after.readings) {
      // The lab's captured BMC reports both (Chassis Power and Thermal).
      expect(reading.powerWatts).toBeGreaterThan(0);
      expect(reading.temperatureCelsius).toBeGreaterThan(0);
    }
    expect(lab.bmcs.openSessions()).toBe(0);
    expect(JSON.stringify(after)).not.toContain(SENTINEL);
    expect(logged.join('\n')).not.toContain(SENTINEL);
  }, 120_000);
});
