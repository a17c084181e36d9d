/**
 * Every check, every outcome: three fleets run through all the checks, the
 * guide's own (as its manifests describe it, once provisioned), a broken
 * one and one the backend could not read. Together they must give each
 * check id an ok, a problem and an unknown, and the guide's fleet must be
 * evaluated entirely (no unknown) with exactly the problems its own
 * manifests carry.
 */
import { CHECK_IDS } from './catalogue';
import { checkDrift } from './drift';
import { checkHostPractices } from './hostPractices';
import { checkImages } from './images';
import { checkNetwork } from './network';
import { checkNodeReuse } from './nodeReuse';
import { checkNodeRoles } from './nodeRoles';
import { checkRemediation } from './remediation';
import { checkStack, REQUIRED_KINDS } from './stack';
import type { CheckFinding, ProblemFinding, UnknownFinding } from './types';
import { checkWorkerJoin } from './workerJoin';

const CLUSTER = 'kube-dc-mgmt';
const NS = 'baremetal-operator-system';
const NOW = '2026-11-25T12:00:00Z';
const pool = { namespace: NS, name: 'kube-dc-workers' };
const workers = [1, 2].map(n => ({ namespace: NS, name: `worker-${n}` }));
const MASTERS = ['master-1', 'master-2', 'master-3'];

// The guide's Metal3MachineTemplate image (phase 4.3).
const GUIDE_IMAGE = {
  url: 'http://192.168.0.1:8080/images/noble-server-cloudimg-amd64.img',
  checksum:
    'http://192.168.0.1:8080/images/noble-server-cloudimg-amd64.img.sha256sum',
  checksumType: 'sha256',
  format: 'qcow2',
};

const nics = (n: number) => [
  {
    name: 'eth0',
    mac: `aa:bb:cc:dd:ee:0${n}`,
    ip: `192.168.0.5${n}`,
    speedGbps: 10,
  },
  { name: 'eth1', mac: `aa:bb:cc:dd:ff:0${n}`, speedGbps: 25 },
];

const deployments = (ready: number) =>
  [
    [
      'baremetal-operator-system',
      'baremetal-operator-controller-manager',
      { 'control-plane': 'controller-manager' },
    ],
    [
      'baremetal-operator-system',
      'ironic-service',
      { 'ironic.metal3.io/app': 'ironic-service' },
    ],
    [
      'capm3-system',
      'capm3-controller-manager',
      { 'cluster.x-k8s.io/provider': 'infrastructure-metal3' },
    ],
    [
      'capm3-system',
      'ipam-controller-manager',
      { 'cluster.x-k8s.io/provider': 'ipam-metal3' },
    ],
    [
      'capi-system',
      'capi-controller-manager',
      { 'cluster.x-k8s.io/provider': 'cluster-api' },
    ],
  ].map(([namespace, name, labels]) => ({
    namespace: namespace as string,
    name: name as string,
    labels: labels as Record<string, string>,
    readyReplicas: name === 'capm3-controller-manager' ? ready : 1,
    images: [`quay.io/metal3-io/${name}:v1.9.0`],
  }));

// The same image published as the guide's "Image Management" asks.
const VERSIONED_IMAGE = {
  ...GUIDE_IMAGE,
  url: 'http://192.168.0.1:8080/images/ubuntu-24.04-rke2-v1.35.0.qcow2',
  checksum:
    'http://192.168.0.1:8080/images/ubuntu-24.04-rke2-v1.35.0.qcow2.sha256sum',
};

/**
 * The guide's fleet: 2 workers enrolled as in phase 3, the pool of phase 4,
 * the network of phase 5, the health check of phase 6. `fixed`: with the
 * fixes of its own problems applied.
 */
function guideFleet(fixed = false): CheckFinding[] {
  const image = fixed ? VERSIONED_IMAGE : GUIDE_IMAGE;
  return [
    ...checkStack({
      cluster: CLUSTER,
      servedKinds: REQUIRED_KINDS.map(k => ({
        group: k.group,
        kind: k.kind,
        versions: [k.versions[k.versions.length - 1]],
      })),
      deployments: deployments(1),
    }),
    ...checkImages({
      cluster: CLUSTER,
      pools: [{ pool, image, kubernetesVersion: 'v1.35.0' }],
      hosts: workers.map(host => ({ host, pool, image })),
      probes: {
        [image.url]: { status: 200 },
        [image.checksum]: { status: 200 },
      },
    }),
    ...checkNetwork({
      cluster: CLUSTER,
      providerNetworks: [
        {
          name: 'ext-cloud',
          defaultInterface: 'eth1',
          status: {
            readyNodes: [...MASTERS, 'worker-1', 'worker-2'],
            vlans: ['vlan200', 'vlan300'],
          },
        },
      ],
      nodes: [...MASTERS, 'worker-1', 'worker-2'].map(name => ({ name })),
      workers: workers.map((host, i) => ({
        host,
        pool,
        nodeName: host.name,
        bootMACAddress: `aa:bb:cc:dd:ee:0${i + 1}`,
        nics: nics(i + 1),
      })),
    }),
    ...checkNodeRoles({
      cluster: CLUSTER,
      workers: workers.map(host => ({
        host,
        pool,
        nodeName: host.name,
        labels: { 'node-role.kubernetes.io/worker': 'true' },
      })),
    }),
    ...checkRemediation({
      cluster: CLUSTER,
      pools: [{ pool, replicas: 2 }],
      healthChecks: [
        {
          namespace: NS,
          name: 'worker-healthcheck',
          apiVersion: 'v1beta1',
          unhealthyLessThanOrEqualTo: fixed ? '50%' : '40%',
          remediationTemplate: {
            kind: 'Metal3RemediationTemplate',
            name: 'worker-remediation',
          },
          pools: [pool],
          status: {
            expectedMachines: 2,
            currentHealthy: 2,
            remediationsAllowed: 0,
          },
        },
      ],
      hosts: workers.map(host => ({ host, pool })),
      remediations: [],
      now: NOW,
    }),
    ...checkDrift({
      cluster: CLUSTER,
      inventory: workers.map((host, i) => ({
        host,
        inventory: {
          serialNumber: `SN${i}`,
          macs: nics(i + 1).map(n => n.mac),
          poweredOn: true,
        },
        bmc: {
          serialNumber: `SN${i}`,
          macs: nics(i + 1).map(n => n.mac),
          powerState: 'On' as const,
        },
      })),
      entities: workers.map(host => ({
        host,
        entity: { pool: 'kube-dc-workers' },
        cluster: { pool: 'kube-dc-workers' },
      })),
    }),
    ...checkHostPractices({
      cluster: CLUSTER,
      now: NOW,
      hosts: workers.map((host, i) => ({
        host,
        pool,
        spec: {
          diskCount: 2,
          rootDeviceHints: { minSizeGigabytes: 100 },
          automatedCleaningMode: 'metadata',
          bmcScheme: 'redfish-virtualmedia',
          bmcHost: `192.168.1.10${i + 1}`,
          disableCertificateVerification: !fixed,
        },
        credentials: {
          name: `${host.name}-bmc`,
          createdAt: '2026-11-20T00:00:00Z',
        },
      })),
    }),
    ...checkNodeReuse({
      cluster: CLUSTER,
      pools: [
        {
          pool,
          apiVersion: 'v1beta1',
          replicas: 2,
          ...(fixed && { maxSurge: 0, maxUnavailable: 1 }),
          template: { name: 'worker-machine-template', nodeReuse: fixed },
        },
      ],
    }),
    ...checkWorkerJoin({
      cluster: CLUSTER,
      now: NOW,
      machines: workers.map(host => ({
        machine: { namespace: NS, name: `kube-dc-workers-${host.name}` },
        host,
        pool,
        providerID: `metal3://${NS}/${host.name}/kube-dc-workers-${host.name}`,
        nodeName: host.name,
        provisionedAt: '2026-11-25T11:00:00Z',
      })),
    }),
  ];
}

/** Everything wrong at once. */
function brokenFleet(): CheckFinding[] {
  const host = workers[0];
  const badImage = {
    url: 'http://h/ubuntu.qcow2',
    checksum: 'http://h/ubuntu.qcow2.md5sum',
    checksumType: 'md5',
    format: 'raw',
  };
  return [
    ...checkStack({
      cluster: CLUSTER,
      servedKinds: [],
      deployments: deployments(0),
    }),
    ...checkImages({
      cluster: CLUSTER,
      pools: [{ pool, image: badImage }],
      hosts: [],
      probes: {
        [badImage.url]: { status: 404 },
        [badImage.checksum]: { error: 'refused' },
      },
    }),
    ...checkNetwork({
      cluster: CLUSTER,
      providerNetworks: [
        {
          name: 'ext-cloud',
          defaultInterface: 'eno9',
          status: { readyNodes: [], vlans: [] },
        },
      ],
      nodes: [{ name: 'worker-1' }],
      workers: [
        {
          host,
          pool,
          nodeName: 'worker-1',
          bootMACAddress: 'aa:bb:cc:dd:ee:01',
          nics: nics(1),
        },
      ],
    }),
    ...checkNodeRoles({
      cluster: CLUSTER,
      workers: [
        {
          host,
          pool,
          nodeName: 'worker-1',
          labels: { 'kube-ovn/role': 'master' },
        },
      ],
    }),
    ...checkRemediation({
      cluster: CLUSTER,
      pools: [
        { pool, replicas: 2 },
        { pool: { namespace: NS, name: 'unwatched' }, replicas: 1 },
      ],
      healthChecks: [
        {
          namespace: NS,
          name: 'worker-healthcheck',
          unhealthyLessThanOrEqualTo: '40%',
          pools: [pool],
          status: {
            expectedMachines: 2,
            currentHealthy: 0,
            remediationsAllowed: 0,
          },
        },
      ],
      hosts: [{ host, pool }],
      remediations: [
        {
          namespace: NS,
          name: 'm1',
          host,
          pool,
          phase: 'Failed',
          active: true,
        },
      ],
      now: NOW,
    }),
    ...checkDrift({
      cluster: CLUSTER,
      inventory: [
        { host, inventory: { serialNumber: 'A' }, bmc: { serialNumber: 'B' } },
      ],
      entities: [{ host, entity: { pool: 'old' }, cluster: { pool: 'new' } }],
    }),
    ...checkHostPractices({
      cluster: CLUSTER,
      now: NOW,
      hosts: [
        {
          host,
          spec: {
            diskCount: 3,
            automatedCleaningMode: 'disabled',
            bmcScheme: 'ipmi',
          },
          redfish: { answers: true },
          credentials: { name: 'old', createdAt: '2024-01-01T00:00:00Z' },
        },
        {
          host: workers[1],
          spec: { diskCount: 1, bmcScheme: 'redfish+http' },
          credentials: { name: 'new', createdAt: '2026-11-20T00:00:00Z' },
        },
      ],
    }),
    ...checkNodeReuse({
      cluster: CLUSTER,
      pools: [{ pool, maxSurge: 1, template: { name: 't' } }],
    }),
    ...checkWorkerJoin({
      cluster: CLUSTER,
      now: NOW,
      machines: [
        {
          machine: { namespace: NS, name: 'm1' },
          host,
          providerID: 'metal3://x',
          provisionedAt: '2026-11-25T08:00:00Z',
        },
      ],
    }),
  ];
}

/** Nothing could be read. */
function unreadableFleet(): CheckFinding[] {
  const host = workers[0];
  const gone = { unavailable: 'the cluster does not answer' };
  return [
    ...checkStack({ cluster: CLUSTER, servedKinds: gone, deployments: gone }),
    ...checkImages({
      cluster: CLUSTER,
      pools: [{ pool, image: gone }],
      hosts: [],
    }),
    ...checkNetwork({
      cluster: CLUSTER,
      providerNetworks: gone,
      nodes: gone,
      workers: [{ host, pool, nodeName: 'worker-1', nics: gone }],
    }),
    ...checkNodeRoles({
      cluster: CLUSTER,
      workers: [{ host, nodeName: 'worker-1', labels: gone }],
    }),
    ...checkRemediation({
      cluster: CLUSTER,
      pools: [{ pool }],
      healthChecks: gone,
      hosts: [{ host }],
      remediations: gone,
      now: NOW,
    }),
    ...checkDrift({
      cluster: CLUSTER,
      inventory: [{ host, inventory: gone, bmc: gone }],
      entities: [{ host, entity: gone, cluster: {} }],
    }),
    ...checkHostPractices({
      cluster: CLUSTER,
      now: NOW,
      hosts: [{ host, spec: gone, credentials: gone }],
    }),
    ...checkNodeReuse({ cluster: CLUSTER, pools: [{ pool, template: gone }] }),
    ...checkWorkerJoin({
      cluster: CLUSTER,
      now: NOW,
      machines: [
        {
          machine: { namespace: NS, name: 'm1' },
          host,
          providerID: 'metal3://x',
        },
      ],
    }),
  ];
}

describe('every check, every outcome', () => {
  const all = [
    ...guideFleet(),
    ...guideFleet(true),
    ...brokenFleet(),
    ...unreadableFleet(),
  ];

  it.each(
    CHECK_IDS.flatMap(id =>
      (['ok', 'problem', 'unknown'] as const).map(o => [id, o]),
    ),
  )('%s can be %s', (id, outcome) => {
    expect(all.some(f => f.check === id && f.outcome === outcome)).toBe(true);
  });

  it('carries a fix on every problem and the missing input on every unknown', () => {
    const problems = all.filter(
      f => f.outcome === 'problem',
    ) as ProblemFinding[];
    const unknowns = all.filter(
      f => f.outcome === 'unknown',
    ) as UnknownFinding[];
    expect(problems.length).toBeGreaterThan(30);
    expect(unknowns.length).toBeGreaterThan(20);
    expect(
      problems.filter(f => f.fix.text.length < 20 || !f.fix.guide),
    ).toEqual([]);
    expect(unknowns.filter(f => f.missing.length < 10)).toEqual([]);
  });
});

describe("the guide's own manifests", () => {
  const findings = guideFleet();

  it('are evaluated by every check, none left unknown', () => {
    expect(findings.filter(f => f.outcome === 'unknown')).toEqual([]);
    expect(new Set(findings.map(f => f.check))).toEqual(new Set(CHECK_IDS));
  });

  it('show exactly the problems the guide itself carries', () => {
    expect(
      findings
        .filter(f => f.outcome === 'problem')
        .map(f => [f.check, f.subject.name]),
    ).toEqual([
      // noble-server-cloudimg-amd64.img: no build in the name ("Image Management").
      ['image.versioned-name', GUIDE_IMAGE.url],
      // maxUnhealthy: 40% of 2 replicas rounds down to 0.
      ['remediation.can-remediate', 'kube-dc-workers'],
      // disableCertificateVerification: true on both hosts ("BMC Security").
      ['practice.certificate-verification', 'worker-1'],
      ['practice.certificate-verification', 'worker-2'],
      // No scale-in strategy, no nodeReuse ("Node Reuse").
      ['practice.node-reuse', 'kube-dc-workers'],
    ]);
  });
});

describe("the guide's manifests with the fixes applied", () => {
  it('pass every check', () => {
    const findings = guideFleet(true);
    expect(findings.filter(f => f.outcome !== 'ok')).toEqual([]);
    expect(new Set(findings.map(f => f.check))).toEqual(new Set(CHECK_IDS));
  });
});
