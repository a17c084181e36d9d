import {
  createOwnerResolver,
  EXPECTED_STATE_SECONDS,
} from '@metal3-fleet/plugin-metal3-common';
import { InMemoryClusterService } from '@metal3-fleet/plugin-metal3-node/testUtils';
import {
  Sample,
  series,
  startPrometheusEndpoint,
} from '../__testUtils__/prometheus';
import { HostIndex } from '../fleet/HostIndex';
import { FleetEventDetector } from '../fleetEvents/FleetEventDetector';
import { BmcReading } from './BmcReachability';
import { registerFleetMetrics } from './fleetMetrics';

const CLUSTER = 'kube-dc-mgmt';
const ownerOf = createOwnerResolver({
  ownerKey: 'metal3.backstage.io/owner',
  defaultOwner: 'group:default/metal3-admins',
});
let rv = 0;
const meta = (name: string, extra: object = {}) => ({
  name,
  namespace: 'metal3',
  resourceVersion: String(++rv),
  ...extra,
});
const bmh = (name: string, state: string, error?: string) => ({
  apiVersion: 'metal3.io/v1alpha1',
  kind: 'BareMetalHost',
  metadata: meta(name),
  spec: {
    online: true,
    bmc: { address: 'redfish://10.0.0.1/x', credentialsName: 's' },
  },
  status: {
    provisioning: { state },
    ...(error && {
      operationalStatus: 'error',
      errorType: error,
      errorMessage: 'failed',
    }),
  },
});

/** The fleet metrics as Prometheus reads them from the exporter's endpoint. */
describe('fleet metrics', () => {
  let endpoint: Awaited<ReturnType<typeof startPrometheusEndpoint>>;
  let fleet: InMemoryClusterService;
  let detector: FleetEventDetector;
  let hostIndex: HostIndex;
  let readings: BmcReading[];
  const value = (samples: Sample[], name: string, labels = {}) =>
    series(samples, name, labels).map(s => s.value);

  beforeEach(async () => {
    endpoint = await startPrometheusEndpoint();
    fleet = new InMemoryClusterService([CLUSTER]);
    readings = [];
    for (const [name, state, error] of [
      ['w0', 'provisioned'],
      ['w1', 'available'],
      ['w2', 'available'],
      ['e1', 'registering', 'registration error'],
      ['e2', 'inspecting', 'inspection error'],
      ['e3', 'available', 'power management error'],
    ])
      fleet.put(CLUSTER, 'baremetalhosts', bmh(name, state, error));
    fleet.put(CLUSTER, 'machinehealthchecks', {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineHealthCheck',
      metadata: meta('workers-mhc'),
      spec: {},
      status: {
        expectedMachines: 3,
        currentHealthy: 2,
        remediationsAllowed: 1,
      },
    });
    fleet.put(CLUSTER, 'machinedeployments', {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineDeployment',
      metadata: meta('workers'),
      spec: { replicas: 3 },
      status: {
        replicas: 3,
        readyReplicas: 2,
        availableReplicas: 2,
        upToDateReplicas: 3,
      },
    });
    hostIndex = new HostIndex({
      clusters: fleet,
      ownerKey: 'metal3.backstage.io/owner',
      defaultOwner: 'group:default/metal3-admins',
    });
    detector = new FleetEventDetector({
      clusters: fleet,
      ownerOf,
      settings: {
        stuckSeconds: EXPECTED_STATE_SECONDS,
        poolDegradedMs: 60_000,
        checkMs: 3_600_000,
      },
    });
    detector.start();
    registerFleetMetrics({
      metrics: endpoint.provider.getMeter('backstage-plugin-metal3'),
      clusters: fleet,
      hosts: hostIndex,
      detector,
      operations: {
        countByState: async () => [
          { action: 'maintenance-on', state: 'running', count: 1 },
          { action: 'maintenance-on', state: 'failed', count: 2 },
        ],
      },
      bmc: { readings: () => readings },
      ownerOf,
      settings: { enabled: true, maxHostSeries: 2, bmcIntervalMs: 0 },
    });
  });

  afterEach(async () => {
    detector.close();
    hostIndex.close();
    await endpoint.stop();
  });

  it('counts hosts by cluster, status and pool, without host names', async () => {
    const samples = await endpoint.scrape();
    expect(
      value(samples, 'metal3_hosts', { cluster: CLUSTER, status: 'available' }),
    ).toEqual([2]);
    expect(
      value(samples, 'metal3_hosts', { cluster: CLUSTER, status: 'error' }),
    ).toEqual([3]);
    for (const s of series(samples, 'metal3_hosts')) {
      expect(Object.keys(s.labels).sort()).toEqual(
        expect.arrayContaining(['cluster', 'pool', 'status']),
      );
      expect(s.labels).not.toHaveProperty('host');
    }
  });

  it('has one series per host in error, capped, and says 0 for a host that recovered', async () => {
    let samples = await endpoint.scrape();
    expect(series(samples, 'metal3_host_error')).toHaveLength(2);
    expect(series(samples, 'metal3_host_error')[0].labels).toMatchObject({
      cluster: CLUSTER,
      namespace: 'metal3',
      error_type: expect.stringMatching(/error$/),
    });
    fleet.put(CLUSTER, 'baremetalhosts', bmh('e1', 'registering'));
    fleet.put(CLUSTER, 'baremetalhosts', bmh('e2', 'inspecting'));
    samples = await endpoint.scrape();
    // OpenTelemetry keeps every label set it saw: the recovered hosts say 0.
    expect(
      series(samples, 'metal3_host_error')
        .map(s => `${s.labels.host} ${s.value}`)
        .sort(),
    ).toEqual(['e1 0', 'e2 0', 'e3 1']);
    expect(value(samples, 'metal3_hosts', { status: 'error' })).toEqual([1]);
    expect(value(samples, 'metal3_hosts', { status: 'registering' })).toEqual([
      1,
    ]);
  });

  it('exports health checks, pool health, cluster freshness and operations', async () => {
    const samples = await endpoint.scrape();
    const mhc = { cluster: CLUSTER, namespace: 'metal3', name: 'workers-mhc' };
    expect(value(samples, 'metal3_machinehealthcheck_expected', mhc)).toEqual([
      3,
    ]);
    expect(value(samples, 'metal3_machinehealthcheck_healthy', mhc)).toEqual([
      2,
    ]);
    expect(
      value(samples, 'metal3_machinehealthcheck_remediations_allowed', mhc),
    ).toEqual([1]);
    expect(series(samples, 'metal3_pool_health')).toEqual([
      expect.objectContaining({
        labels: expect.objectContaining({
          pool: 'workers',
          health: 'degraded',
        }),
        value: 1,
      }),
    ]);
    expect(
      value(samples, 'metal3_cluster_connected', { cluster: CLUSTER }),
    ).toEqual([1]);
    expect(
      value(samples, 'metal3_cluster_stale_seconds', { cluster: CLUSTER }),
    ).toEqual([0]);
    expect(
      value(samples, 'metal3_operations', {
        action: 'maintenance-on',
        state: 'failed',
      }),
    ).toEqual([2]);
  });

  it('tells how long a cluster has been stale', async () => {
    fleet.setHealth(CLUSTER, {
      connected: false,
      staleSince: new Date(Date.now() - 120_000).toISOString(),
    });
    const [stale] = value(
      await endpoint.scrape(),
      'metal3_cluster_stale_seconds',
    );
    expect(stale).toBeGreaterThanOrEqual(119);
    expect(stale).toBeLessThan(130);
  });

  it('exports BMC reachability from the sweep, per host only for BMCs that do not answer', async () => {
    readings = [
      { cluster: CLUSTER, namespace: 'metal3', name: 'w0', reachable: true },
      { cluster: CLUSTER, namespace: 'metal3', name: 'w1', reachable: false },
    ];
    const samples = await endpoint.scrape();
    expect(value(samples, 'metal3_bmcs', { reachable: 'true' })).toEqual([1]);
    expect(value(samples, 'metal3_bmcs', { reachable: 'false' })).toEqual([1]);
    expect(
      series(samples, 'metal3_bmc_unreachable').map(s => s.labels.host),
    ).toEqual(['w1']);
  });

  it('counts the detector’s events', async () => {
    fleet.put(
      CLUSTER,
      'baremetalhosts',
      bmh('w1', 'available', 'power management error'),
    );
    const samples = await endpoint.scrape();
    expect(
      value(samples, 'metal3_fleet_events_total', {
        cluster: CLUSTER,
        kind: 'hostError',
        type: 'entered',
      }),
    ).toEqual([1]);
  });
});
