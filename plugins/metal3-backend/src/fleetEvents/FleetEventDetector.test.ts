import {
  createOwnerResolver,
  EXPECTED_STATE_SECONDS,
} from '@metal3-fleet/plugin-metal3-common';
import { InMemoryClusterService } from '@metal3-fleet/plugin-metal3-node/testUtils';
import { FleetEventDetector } from './FleetEventDetector';
import { FleetEvent } from './types';

const CLUSTER = 'kube-dc-mgmt';
const ns = 'metal3';
const ownerOf = createOwnerResolver({
  ownerKey: 'metal3.backstage.io/owner',
  defaultOwner: 'group:default/metal3-admins',
});
let rv = 0;
const meta = (name: string, extra: object = {}) => ({
  name,
  namespace: ns,
  resourceVersion: String(++rv),
  ...extra,
});

function bmh(name: string, status: object, extra: object = {}) {
  return {
    apiVersion: 'metal3.io/v1alpha1',
    kind: 'BareMetalHost',
    metadata: meta(name),
    spec: { online: true, ...extra },
    status,
  };
}

const inError = (message: string, count = 1) => ({
  provisioning: { state: 'available' },
  operationalStatus: 'error',
  errorType: 'power management error',
  errorMessage: message,
  errorCount: count,
});

/** A pool of one machine on worker-0, with health check remediation objects on demand. */
function seedPool(fleet: InMemoryClusterService, status: object) {
  fleet.put(CLUSTER, 'machinedeployments', {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'MachineDeployment',
    metadata: meta('workers', {
      labels: { 'metal3.backstage.io/owner': 'team-pool' },
    }),
    spec: { replicas: 2, template: { spec: { version: 'v1.33.0' } } },
    status,
  });
  fleet.put(CLUSTER, 'machines', {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: meta('workers-abc', {
      labels: { 'cluster.x-k8s.io/deployment-name': 'workers' },
    }),
    spec: {
      infrastructureRef: { kind: 'Metal3Machine', name: 'workers-m3m-0' },
    },
  });
  fleet.put(CLUSTER, 'metal3machines', {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
    kind: 'Metal3Machine',
    metadata: meta('workers-m3m-0', {
      annotations: { 'metal3.io/BareMetalHost': `${ns}/worker-0` },
    }),
  });
  fleet.put(
    CLUSTER,
    'baremetalhosts',
    bmh('worker-0', { provisioning: { state: 'provisioned' } }),
  );
}

describe('FleetEventDetector', () => {
  let fleet: InMemoryClusterService;
  let detector: FleetEventDetector;
  let events: string[];
  let clock: number;

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    clock = Date.parse('2026-12-10T12:00:00Z');
    fleet = new InMemoryClusterService([CLUSTER]);
    events = [];
  });

  afterEach(() => {
    detector?.close();
    jest.useRealTimers();
  });

  function start(settings: { poolDegradedMs?: number } = {}) {
    detector = new FleetEventDetector({
      clusters: fleet,
      ownerOf,
      settings: {
        stuckSeconds: { ...EXPECTED_STATE_SECONDS, registering: 60 },
        poolDegradedMs: settings.poolDegradedMs ?? 10 * 60_000,
        checkMs: 15_000,
      },
      now: () => clock,
    });
    detector.onEvent((e: FleetEvent) =>
      events.push(`${e.type} ${e.condition.key}`),
    );
    detector.start();
  }

  it('emits one event when a host enters error, none while it stays, one when it clears', () => {
    start();
    fleet.put(
      CLUSTER,
      'baremetalhosts',
      bmh('w1', { provisioning: { state: 'available' } }),
    );
    expect(events).toEqual([]);
    fleet.put(CLUSTER, 'baremetalhosts', bmh('w1', inError('BMC busy')));
    fleet.put(
      CLUSTER,
      'baremetalhosts',
      bmh('w1', inError('BMC busy again', 2)),
    );
    fleet.put(CLUSTER, 'baremetalhosts', bmh('w1', inError('still', 3)));
    expect(events).toEqual(['entered hostError kube-dc-mgmt/metal3/w1']);
    expect(detector.conditions(CLUSTER)[0].message).toBe('still');
    fleet.put(
      CLUSTER,
      'baremetalhosts',
      bmh('w1', { provisioning: { state: 'available' } }),
    );
    expect(events).toEqual([
      'entered hostError kube-dc-mgmt/metal3/w1',
      'cleared hostError kube-dc-mgmt/metal3/w1',
    ]);
    expect(detector.conditions()).toEqual([]);
  });

  it('takes the state found at start as the state, not as events', () => {
    fleet.put(CLUSTER, 'baremetalhosts', bmh('w1', inError('down')));
    start();
    expect(events).toEqual([]);
    expect(detector.conditions().map(c => c.key)).toEqual([
      'hostError kube-dc-mgmt/metal3/w1',
    ]);
  });

  it('keeps conditions but emits nothing while the cluster has not synced', () => {
    fleet.setHealth(CLUSTER, { synced: false });
    start();
    fleet.put(CLUSTER, 'baremetalhosts', bmh('w1', inError('down')));
    expect(events).toEqual([]);
    expect(detector.conditions()).toHaveLength(1);
  });

  it('clears the conditions of a deleted host', () => {
    start();
    fleet.put(CLUSTER, 'baremetalhosts', bmh('w1', inError('down')));
    fleet.remove(CLUSTER, 'baremetalhosts', `${ns}/w1`);
    expect(events).toEqual([
      'entered hostError kube-dc-mgmt/metal3/w1',
      'cleared hostError kube-dc-mgmt/metal3/w1',
    ]);
  });

  it('finds a host stuck on its timer, without any change of the host', () => {
    start();
    fleet.put(
      CLUSTER,
      'baremetalhosts',
      bmh('w2', {
        provisioning: { state: 'registering' },
        operationHistory: {
          register: { start: new Date(clock).toISOString() },
        },
      }),
    );
    expect(events).toEqual([]);
    clock += 61_000;
    jest.advanceTimersByTime(15_000);
    expect(events).toEqual(['entered hostStuck kube-dc-mgmt/metal3/w2']);
  });

  it('reports a started remediation once, on the remediated host, for the host and pool owners', () => {
    seedPool(fleet, {
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      upToDateReplicas: 2,
    });
    start();
    fleet.put(CLUSTER, 'metal3remediations', {
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
      kind: 'Metal3Remediation',
      metadata: meta('workers-abc'),
      spec: { strategy: { type: 'Reboot', retryLimit: 2 } },
      status: { phase: 'Running' },
    });
    jest.advanceTimersByTime(1000);
    // The remediation's status moving on is no new event.
    fleet.put(CLUSTER, 'metal3remediations', {
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
      kind: 'Metal3Remediation',
      metadata: meta('workers-abc'),
      spec: { strategy: { type: 'Reboot', retryLimit: 2 } },
      status: { phase: 'Waiting', retryCount: 1 },
    });
    jest.advanceTimersByTime(1000);
    expect(events).toEqual([
      'entered remediationStarted kube-dc-mgmt/metal3/workers-abc',
    ]);
    const [remediation] = detector.conditions();
    expect(remediation).toMatchObject({
      subject: { type: 'host', name: 'worker-0' },
      entityRef: 'resource:default/kube-dc-mgmt.metal3.worker-0',
      owners: ['group:default/metal3-admins', 'group:default/team-pool'],
      pool: 'workers',
    });
    expect(remediation.message).toMatch(
      /Machine workers-abc of pool workers \(host worker-0\)/,
    );
    fleet.remove(CLUSTER, 'metal3remediations', `${ns}/workers-abc`);
    jest.advanceTimersByTime(1000);
    expect(events).toEqual([
      'entered remediationStarted kube-dc-mgmt/metal3/workers-abc',
      'cleared remediationStarted kube-dc-mgmt/metal3/workers-abc',
    ]);
  });

  it('reports a degraded pool only once it stayed degraded for the grace time', () => {
    seedPool(fleet, {
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      upToDateReplicas: 2,
    });
    start({ poolDegradedMs: 10 * 60_000 });
    fleet.put(CLUSTER, 'machinedeployments', {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineDeployment',
      metadata: meta('workers'),
      spec: { replicas: 2 },
      status: {
        replicas: 2,
        readyReplicas: 1,
        availableReplicas: 1,
        upToDateReplicas: 2,
      },
    });
    jest.advanceTimersByTime(1000);
    expect(events).toEqual([]);
    clock += 9 * 60_000;
    jest.advanceTimersByTime(15_000);
    expect(events).toEqual([]);
    clock += 60_000;
    jest.advanceTimersByTime(15_000);
    expect(events).toEqual([
      'entered poolDegraded kube-dc-mgmt/metal3/workers',
    ]);
    expect(detector.conditions()[0]).toMatchObject({
      subject: { type: 'pool', name: 'workers' },
      label: 'Degraded',
      message: '1 of 2 replica(s) not available',
    });
  });

  it('forgets a degradation that recovered within the grace time', () => {
    seedPool(fleet, {
      replicas: 2,
      readyReplicas: 1,
      availableReplicas: 1,
      upToDateReplicas: 2,
    });
    start({ poolDegradedMs: 10 * 60_000 });
    clock += 5 * 60_000;
    fleet.put(CLUSTER, 'machinedeployments', {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineDeployment',
      metadata: meta('workers'),
      spec: { replicas: 2 },
      status: {
        replicas: 2,
        readyReplicas: 2,
        availableReplicas: 2,
        upToDateReplicas: 2,
      },
    });
    jest.advanceTimersByTime(1000);
    clock += 20 * 60_000;
    jest.advanceTimersByTime(15_000);
    expect(events).toEqual([]);
  });
});
