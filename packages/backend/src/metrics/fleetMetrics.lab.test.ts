// As in both entry points: the meter provider first, before any instrument.
import '../instrumentation';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { metricsServiceFactory } from '@backstage/backend-defaults/alpha';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import metal3Plugin from '@metal3-fleet/plugin-metal3-backend';
import {
  poolMachines,
  RAW_KEYS,
} from '@metal3-fleet/plugin-metal3-node/testUtils';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metricsExporterModule } from './metricsExporterModule';

jest.setTimeout(180_000);

const CLUSTER = 'kube-dc-mgmt';
const NS = 'metal3';
/** An available Redfish host of the seed, not paused (worker-6 is). */
const FAILING = 'worker-5';
const POOL = 'kube-dc-workers';

/** A port nothing listens on (taken and released by the OS). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise(r => server.close(r));
  return port;
}

/** The value of one series of a Prometheus text exposition, if present. */
function valueOf(
  text: string,
  name: string,
  labels: Record<string, string>,
): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const has = Object.entries(labels).every(([k, v]) =>
      match[2].includes(`${k}="${v}"`),
    );
    if (has) return Number(match[3]);
  }
  return undefined;
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 200));
  }
}

/**
 * The guide's alerts need these series (deploy/prometheus/alerts.yaml): the
 * backend as the image runs it — its instrumentation, the metal3 plugin and
 * the exporter module on metal3.metrics.port — on the lab, with a host
 * driven into error and a node made unhealthy, read over HTTP as Prometheus
 * scrapes them.
 */
describe('fleet metrics on metal3.metrics.port', () => {
  let lab: RunningLab;
  let backend: { stop(): Promise<void> };
  let url: string;
  const store = () => lab.clusters[0].store;
  const scrape = async () => (await fetch(url)).text();

  beforeAll(async () => {
    lab = await startLab({
      stateDir: mkdtempSync(join(tmpdir(), 'lab-metrics-')),
      speed: 600,
    });
    const port = await freePort();
    url = `http://127.0.0.1:${port}/metrics`;
    backend = await startTestBackend({
      features: [
        metal3Plugin,
        metricsExporterModule,
        metricsServiceFactory,
        // Notifications are the plugin's own lab test's subject.
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({
            send: async (_: NotificationSendOptions) => {},
          }),
        }),
        mockServices.rootConfig.factory({
          data: {
            metal3: {
              lab: { external: true },
              bmc: { allow: ['loopback'], allowedNetworks: ['127.100.0.0/16'] },
              clusters: lab.clusters.map(c => ({
                name: c.name,
                authProvider: 'kubeconfig',
                kubeconfig: { file: lab.kubeconfigPath, context: c.name },
              })),
              operations: { leaseSeconds: 3 },
              fleetEvents: { checkSeconds: 1 },
              metrics: {
                port,
                host: '127.0.0.1',
                bmcReachability: { intervalSeconds: 2 },
              },
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

  it('exports the fleet: hosts by status, health checks, clusters, BMCs', async () => {
    await eventually(async () => {
      const text = await scrape();
      return (
        (valueOf(text, 'metal3_hosts', { cluster: CLUSTER, status: 'error' }) ??
          0) >= 1 &&
        valueOf(text, 'metal3_machinehealthcheck_expected', {
          cluster: CLUSTER,
        }) === 2 &&
        valueOf(text, 'metal3_machinehealthcheck_healthy', {
          cluster: CLUSTER,
        }) === 2 &&
        valueOf(text, 'metal3_cluster_connected', { cluster: CLUSTER }) === 1 &&
        valueOf(text, 'metal3_cluster_stale_seconds', { cluster: CLUSTER }) ===
          0 &&
        (valueOf(text, 'metal3_bmcs', {
          cluster: CLUSTER,
          reachable: 'true',
        }) ?? 0) >= 1
      );
    }, 60_000);
    // Fleet-size series name no host.
    const text = await scrape();
    expect(text).not.toMatch(/^metal3_hosts\{[^}]*host=/m);
  });

  it('a host driven into error: its series says so, with its error type', async () => {
    expect(
      valueOf(await scrape(), 'metal3_host_error', { host: FAILING }),
    ).toBeUndefined();
    lab.clusters[0].hardwareFaults.failingInspections.add(`${NS}/${FAILING}`);
    // Re-inspected, as `kubectl annotate bmh worker-5 inspect.metal3.io=` does.
    const host = store().get(RAW_KEYS.bmh, NS, FAILING)!;
    host.metadata.annotations = {
      ...host.metadata.annotations,
      'inspect.metal3.io': '',
    };
    delete host.metadata.resourceVersion;
    store().update(RAW_KEYS.bmh, host);

    await eventually(
      async () =>
        valueOf(await scrape(), 'metal3_host_error', {
          cluster: CLUSTER,
          namespace: NS,
          host: FAILING,
          error_type: 'inspection error',
        }) === 1,
      60_000,
    );
    const text = await scrape();
    expect(
      valueOf(text, 'metal3_fleet_events_total', {
        cluster: CLUSTER,
        kind: 'hostError',
        type: 'entered',
      }),
    ).toBe(1);
  });

  it('a node made unhealthy: an active remediation in its pool', async () => {
    const [machine] = poolMachines(store(), NS, POOL);
    machine.metadata.annotations = {
      ...machine.metadata.annotations,
      'cluster.x-k8s.io/remediate-machine': '',
    };
    delete machine.metadata.resourceVersion;
    store().update(RAW_KEYS.machine, machine);

    const remediations = (text: string) => ({
      active: valueOf(text, 'metal3_remediations_active', {
        cluster: CLUSTER,
        namespace: NS,
        pool: POOL,
      }),
      started: valueOf(text, 'metal3_fleet_events_total', {
        cluster: CLUSTER,
        kind: 'remediationStarted',
        type: 'entered',
      }),
    });
    await eventually(
      async () => remediations(await scrape()).active === 1,
      60_000,
    );
    expect(remediations(await scrape())).toEqual({ active: 1, started: 1 });
  });
});
