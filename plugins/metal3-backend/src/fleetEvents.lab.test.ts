import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { metricsServiceFactory } from '@backstage/backend-defaults/alpha';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import {
  poolMachines,
  RAW_KEYS,
} from '@metal3-fleet/plugin-metal3-node/testUtils';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { eventually } from './__testUtils__/labBackend';
import {
  Sample,
  series,
  startPrometheusEndpoint,
} from './__testUtils__/prometheus';
import { metal3Plugin } from './plugin';

jest.setTimeout(180_000);

const CLUSTER = 'kube-dc-mgmt';
const NS = 'metal3';
/**
 * An available Redfish host of the seed, not paused (worker-6 is: BMO
 * leaves a paused host alone, so it would never be inspected), re-inspected
 * into an inspection error.
 */
const FAILING = 'worker-5';
/** The seed's host with a wrong password in its Secret: in error before the portal starts. */
const ALREADY_BROKEN = 'worker-8';
const ADMINS = 'group:default/metal3-admins';

/**
 * Fleet events end to end on the lab: a host driven into error and a node
 * made unhealthy (the lab's MachineHealthCheck starts a Metal3Remediation)
 * show in the Prometheus endpoint as the alert rules read them, and reach
 * the hosts' owner as one notification each.
 */
describe('fleet events on the lab', () => {
  let lab: RunningLab;
  let endpoint: Awaited<ReturnType<typeof startPrometheusEndpoint>>;
  let server: any;
  const sent: NotificationSendOptions[] = [];
  const store = () => lab.clusters[0].store;

  beforeAll(async () => {
    lab = await startLab({
      stateDir: mkdtempSync(join(tmpdir(), 'lab-events-')),
      speed: 600,
    });
    // As packages/backend's instrumentation: before any instrument exists.
    endpoint = await startPrometheusEndpoint();
    ({ server } = await startTestBackend({
      features: [
        metal3Plugin,
        metricsServiceFactory,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({
            send: async (options: NotificationSendOptions) => {
              sent.push(options);
            },
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
              metrics: { bmcReachability: { intervalSeconds: 2 } },
            },
          },
        }),
      ],
    }));
  }, 60_000);

  afterAll(async () => {
    await endpoint?.stop();
    await lab?.stop();
  }, 30_000);

  const scrape = () => endpoint.scrape();
  const has = (samples: Sample[], name: string, labels: object, value = 1) =>
    series(samples, name, labels as Record<string, string>).some(
      s => s.value >= value,
    );
  const sentFor = (scope: string) =>
    sent.filter(s => s.payload.scope === scope);

  it('shows the fleet as found, and announces none of its old errors', async () => {
    await eventually(async () => {
      const samples = await scrape();
      return (
        has(samples, 'metal3_hosts', { cluster: CLUSTER, status: 'error' }) &&
        has(samples, 'metal3_host_error', {
          cluster: CLUSTER,
          host: ALREADY_BROKEN,
          error_type: 'registration error',
        }) &&
        has(
          samples,
          'metal3_machinehealthcheck_expected',
          {
            cluster: CLUSTER,
            name: 'kube-dc-workers-mhc',
          },
          2,
        ) &&
        has(
          samples,
          'metal3_machinehealthcheck_healthy',
          {
            cluster: CLUSTER,
            name: 'kube-dc-workers-mhc',
          },
          2,
        ) &&
        has(samples, 'metal3_cluster_connected', { cluster: CLUSTER }) &&
        has(samples, 'metal3_bmcs', { cluster: CLUSTER, reachable: 'true' })
      );
    }, 60_000);
    // Several notifier passes (one a second with a 3 s lease) have run.
    await new Promise(r => setTimeout(r, 3000));
    expect(
      sentFor(`metal3:hostError:${CLUSTER}/${NS}/${ALREADY_BROKEN}`),
    ).toEqual([]);
  });

  it('a host driven into error: its series and one notification to its owner', async () => {
    lab.clusters[0].hardwareFaults.failingInspections.add(`${NS}/${FAILING}`);
    // Re-inspection through the portal's own API, as an operator would.
    const answer = await request(server)
      .post(`/api/metal3/hosts/${CLUSTER}/${NS}/${FAILING}/actions/inspect`)
      .set('Authorization', mockCredentials.user.header('user:default/alice'))
      .send({});
    expect(answer.status).toBe(200);
    await eventually(
      async () =>
        has(await scrape(), 'metal3_host_error', {
          cluster: CLUSTER,
          namespace: NS,
          host: FAILING,
          error_type: 'inspection error',
        }),
      60_000,
    );
    const scope = `metal3:hostError:${CLUSTER}/${NS}/${FAILING}`;
    await eventually(() => sentFor(scope).length > 0, 30_000);
    // More passes of the notifier and more updates of the host: still one.
    await new Promise(r => setTimeout(r, 3000));
    expect(sentFor(scope)).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: [`resource:default/${CLUSTER}.${NS}.${FAILING}`, ADMINS],
        },
        payload: expect.objectContaining({
          title: `${FAILING} (${CLUSTER}/${NS}): Inspection failed`,
          link: `/metal3/hosts/${CLUSTER}/${NS}/${FAILING}`,
          severity: 'high',
          topic: 'metal3-host-error',
        }),
      },
    ]);
    expect(sentFor(scope)[0].payload.description).toMatch(
      /timeout reached while inspecting the node/,
    );
  });

  it('a node made unhealthy: the remediation shows in the series and is announced once', async () => {
    const [machine] = poolMachines(store(), NS, 'kube-dc-workers');
    machine.metadata.annotations = {
      ...machine.metadata.annotations,
      'cluster.x-k8s.io/remediate-machine': '',
    };
    delete machine.metadata.resourceVersion;
    store().update(RAW_KEYS.machine, machine);

    await eventually(
      async () =>
        has(await scrape(), 'metal3_remediations_active', {
          cluster: CLUSTER,
          namespace: NS,
          pool: 'kube-dc-workers',
        }),
      60_000,
    );
    const scope = `metal3:remediationStarted:${CLUSTER}/${NS}/${machine.metadata.name}`;
    await eventually(() => sentFor(scope).length > 0, 30_000);
    await new Promise(r => setTimeout(r, 3000));
    expect(sentFor(scope)).toHaveLength(1);
    expect(sentFor(scope)[0]).toMatchObject({
      recipients: {
        type: 'entity',
        entityRef: expect.arrayContaining([ADMINS]),
      },
      payload: {
        title: expect.stringMatching(/^Remediation started: /),
        severity: 'high',
        topic: 'metal3-remediation',
      },
    });
  });
});
