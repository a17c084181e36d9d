import {
  createOwnerResolver,
  EXPECTED_STATE_SECONDS,
} from '@metal3-fleet/plugin-metal3-common';
import { InMemoryClusterService } from '@metal3-fleet/plugin-metal3-node/testUtils';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { Sample, startPrometheusEndpoint } from '../__testUtils__/prometheus';
import { parseExpression } from '../__testUtils__/promql';
import { HostIndex } from '../fleet/HostIndex';
import { FleetEventDetector } from '../fleetEvents/FleetEventDetector';
import { registerFleetMetrics } from './fleetMetrics';

const RULES_FILE = resolve(
  __dirname,
  '../../../../deploy/prometheus/alerts.yaml',
);
const CLUSTER = 'kube-dc-mgmt';
const ns = 'metal3';
const OWNER_KEY = 'metal3.backstage.io/owner';
const ADMINS = 'group:default/metal3-admins';
const ownerOf = createOwnerResolver({
  ownerKey: OWNER_KEY,
  defaultOwner: ADMINS,
});
let rv = 0;
const meta = (name: string, extra: object = {}) => ({
  name,
  namespace: ns,
  resourceVersion: String(++rv),
  ...extra,
});
const bmh = (name: string, status: object) => ({
  apiVersion: 'metal3.io/v1alpha1',
  kind: 'BareMetalHost',
  metadata: meta(name),
  spec: {
    online: true,
    bmc: { address: 'redfish://127.0.0.1/x', credentialsName: 's' },
  },
  status,
});

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** The rules of deploy/prometheus/alerts.yaml. */
function loadRules(): Rule[] {
  const file = parse(readFileSync(RULES_FILE, 'utf8'));
  return file.groups.flatMap((group: { rules: Rule[] }) => group.rules);
}

/** What is wrong with one expression against the samples of a scrape. */
function problemsOf(expr: string, samples: Sample[]): string[] {
  const problems: string[] = [];
  const { selectors, groupingLabels } = parseExpression(expr);
  const labelsSeen = new Set(['instance', 'job', 'pod']);
  for (const selector of selectors) {
    const ofName = samples.filter(s => s.name === selector.name);
    if (!ofName.length) {
      problems.push(`${selector.name} is not exported`);
      continue;
    }
    ofName.forEach(s => Object.keys(s.labels).forEach(l => labelsSeen.add(l)));
    for (const label of selector.labelNames)
      if (!ofName.some(s => label in s.labels))
        problems.push(`${selector.name} has no label ${label}`);
    const matching = ofName.filter(s =>
      Object.entries(selector.equals).every(([k, v]) => s.labels[k] === v),
    );
    if (!matching.length)
      problems.push(
        `no ${selector.name} series matches ${JSON.stringify(selector.equals)}`,
      );
  }
  for (const label of groupingLabels)
    if (!labelsSeen.has(label))
      problems.push(`no series of the expression has the label ${label}`);
  return problems;
}

describe('the PromQL reader of the rule check', () => {
  it('finds series, matchers and grouping labels, and skips functions and keywords', () => {
    const parts = parseExpression(
      'max by (cluster, pool) (increase(metal3_fleet_events_total{kind="x", type!="y"}[30m])) > 0 and on (cluster) absent(metal3_hosts) offset 5m',
    );
    expect(parts.selectors).toEqual([
      {
        name: 'metal3_fleet_events_total',
        equals: { kind: 'x' },
        labelNames: ['kind', 'type'],
      },
      { name: 'metal3_hosts', equals: {}, labelNames: [] },
    ]);
    expect(parts.groupingLabels).toEqual(['cluster', 'pool', 'cluster']);
  });

  it('reports a series nobody exports, a label it lacks and a value it never has', () => {
    const samples: Sample[] = [
      {
        name: 'metal3_hosts',
        labels: { cluster: 'a', status: 'ok' },
        value: 1,
      },
    ];
    expect(
      problemsOf(
        'max by (cluster, host) (metal3_hosts{status="error", pool="x"}) + metal3_host_errors',
        samples,
      ),
    ).toEqual([
      'metal3_hosts has no label pool',
      'no metal3_hosts series matches {"status":"error","pool":"x"}',
      'metal3_host_errors is not exported',
      'no series of the expression has the label host',
    ]);
  });
});

/**
 * The example alert rules read the series the backend exports: every
 * expression names metrics that exist on the Prometheus endpoint, with the
 * labels and label values it selects and groups by. The fleet below has one
 * of everything an alert is about, so every series has samples.
 */
describe('deploy/prometheus/alerts.yaml', () => {
  let endpoint: Awaited<ReturnType<typeof startPrometheusEndpoint>>;
  let fleet: InMemoryClusterService;
  let detector: FleetEventDetector;
  let hostIndex: HostIndex;
  let clock: number;

  beforeAll(async () => {
    endpoint = await startPrometheusEndpoint();
    fleet = new InMemoryClusterService([CLUSTER]);
    clock = Date.now();
    // A pool of one machine on worker-0, remediated below.
    fleet.put(CLUSTER, 'machinedeployments', {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineDeployment',
      metadata: meta('workers'),
      spec: { replicas: 1, template: { spec: { version: 'v1.33.0' } } },
      status: {
        replicas: 1,
        readyReplicas: 1,
        availableReplicas: 1,
        upToDateReplicas: 1,
      },
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
    // A pool with two machines, one of them not available.
    fleet.put(CLUSTER, 'machinedeployments', {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineDeployment',
      metadata: meta('gpu'),
      spec: { replicas: 2, template: { spec: { version: 'v1.33.0' } } },
      status: {
        replicas: 2,
        readyReplicas: 1,
        availableReplicas: 1,
        upToDateReplicas: 2,
      },
    });
    fleet.put(CLUSTER, 'machinehealthchecks', {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineHealthCheck',
      metadata: meta('workers-mhc'),
      spec: {},
      status: {
        expectedMachines: 1,
        currentHealthy: 0,
        remediationsAllowed: 0,
      },
    });
    hostIndex = new HostIndex({
      clusters: fleet,
      ownerKey: OWNER_KEY,
      defaultOwner: ADMINS,
    });
    detector = new FleetEventDetector({
      clusters: fleet,
      ownerOf,
      settings: {
        stuckSeconds: { ...EXPECTED_STATE_SECONDS, registering: 60 },
        poolDegradedMs: 0,
        checkMs: 20,
      },
      now: () => clock,
    });
    detector.start();
    registerFleetMetrics({
      metrics: endpoint.provider.getMeter('backstage-plugin-metal3'),
      clusters: fleet,
      hosts: hostIndex,
      detector,
      operations: {
        countByState: async () => [
          { action: 'maintenance-on', state: 'succeeded', count: 1 },
        ],
      },
      bmc: {
        readings: () => [
          {
            cluster: CLUSTER,
            namespace: ns,
            name: 'worker-0',
            reachable: true,
          },
          {
            cluster: CLUSTER,
            namespace: ns,
            name: 'w-silent',
            reachable: false,
          },
        ],
      },
      ownerOf,
      settings: { enabled: true, maxHostSeries: 100, bmcIntervalMs: 0 },
    });
    // After the start: a host entering error, a host registering too long,
    // a remediation started.
    fleet.put(
      CLUSTER,
      'baremetalhosts',
      bmh('w-error', {
        provisioning: { state: 'available' },
        operationalStatus: 'error',
        errorType: 'power management error',
        errorMessage: 'BMC busy',
      }),
    );
    fleet.put(
      CLUSTER,
      'baremetalhosts',
      bmh('w-stuck', {
        provisioning: { state: 'registering' },
        operationHistory: {
          register: { start: new Date(clock).toISOString() },
        },
      }),
    );
    fleet.put(CLUSTER, 'metal3remediations', {
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
      kind: 'Metal3Remediation',
      metadata: meta('workers-abc'),
      spec: { strategy: { type: 'Reboot', retryLimit: 2 } },
      status: { phase: 'Running' },
    });
    clock += 120_000;
    await new Promise(r => setTimeout(r, 200));
  });

  afterAll(async () => {
    detector.close();
    hostIndex.close();
    await endpoint.stop();
  });

  it('has the fleet the rules are about', () => {
    expect(
      detector
        .conditions()
        .map(c => c.key)
        .sort(),
    ).toEqual([
      `hostError ${CLUSTER}/${ns}/w-error`,
      `hostStuck ${CLUSTER}/${ns}/w-stuck`,
      `poolDegraded ${CLUSTER}/${ns}/gpu`,
      `remediationStarted ${CLUSTER}/${ns}/workers-abc`,
    ]);
  });

  it('names only series the backend exports, with the labels they carry', async () => {
    const samples = await endpoint.scrape();
    const rules = loadRules();
    expect(rules.length).toBeGreaterThanOrEqual(10);
    const problems = rules.flatMap(rule =>
      problemsOf(rule.expr, samples).map(p => `${rule.alert}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('covers the guide’s alerts: host errors, health-check ratio, remediations; and stuck hosts, staleness, BMCs', () => {
    const used = new Set(
      loadRules().flatMap(rule =>
        parseExpression(rule.expr).selectors.map(s => s.name),
      ),
    );
    for (const name of [
      'metal3_host_error',
      'metal3_hosts',
      'metal3_machinehealthcheck_healthy',
      'metal3_machinehealthcheck_expected',
      'metal3_remediations_active',
      'metal3_hosts_stuck',
      'metal3_cluster_stale_seconds',
      'metal3_bmc_unreachable',
      'metal3_pool_degraded',
    ])
      expect(used).toContain(name);
  });

  it('is a well-formed rule file: unique names, severities, summaries, durations', () => {
    const rules = loadRules();
    const names = rules.map(r => r.alert);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of rules) {
      expect(rule).toMatchObject({
        alert: expect.stringMatching(/^Metal3[A-Za-z]+$/),
        expr: expect.any(String),
        labels: {
          severity: expect.stringMatching(/^(critical|warning|info)$/),
        },
        annotations: { summary: expect.any(String) },
      });
      // No `for` fires at once (the conditions already waited their threshold).
      expect(rule.for ?? '0s').toMatch(/^(\d+(ms|s|m|h|d|w|y))+$/);
      // Only a rule's own labels and its value reach a template.
      for (const text of Object.values(rule.annotations ?? {}))
        for (const [, ref] of text.matchAll(/\{\{[^}]*\$(\w+)/g))
          expect(['labels', 'value']).toContain(ref);
    }
  });
});
