import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { projectBareMetalHost, projectHardwareDetails } from './bareMetalHost';
import {
  durationSeconds,
  projectMachine,
  projectMachineDeployment,
  projectMachineHealthCheck,
} from './capi';
import { projectMetal3Machine, projectMetal3MachineTemplate } from './metal3';
import { projectNode } from './node';

const EXAMPLES = resolve(
  __dirname,
  '../../../../../test-fixtures/upstream-examples',
);

function upstreamHosts(): any[] {
  return readdirSync(EXAMPLES)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f =>
      parseAllDocuments(readFileSync(join(EXAMPLES, f), 'utf8')).map(d =>
        d.toJS(),
      ),
    )
    .filter(o => o?.kind === 'BareMetalHost');
}

describe('projectBareMetalHost', () => {
  it('projects every upstream example without losing identity, BMC or state', () => {
    const hosts = upstreamHosts();
    expect(hosts.length).toBeGreaterThanOrEqual(10);
    for (const raw of hosts) {
      const host = projectBareMetalHost(raw);
      expect(host.name).toBe(raw.metadata.name);
      expect(host.bmcAddress).toBe(raw.spec?.bmc?.address);
      expect(host.provisioningState).toBe(raw.status?.provisioning?.state);
      expect(host.bootMACAddress).toBe(raw.spec?.bootMACAddress?.toLowerCase());
    }
  });

  it('keeps the hardware summary and folds NICs listed once per IP', () => {
    const raw = {
      metadata: {
        name: 'h',
        namespace: 'metal3',
        uid: 'u',
        resourceVersion: '1',
      },
      spec: {},
      status: {
        hardware: {
          systemVendor: {
            manufacturer: 'Dell Inc.',
            productName: 'R650',
            serialNumber: '',
          },
          cpu: {
            arch: 'x86_64',
            model: 'Xeon',
            count: 64,
            clockMegahertz: 2900,
          },
          ramMebibytes: 262144,
          nics: [
            {
              name: 'eno1',
              mac: 'AA:BB:CC:00:00:01',
              ip: '10.0.0.5',
              speedGbps: 25,
              pxe: true,
            },
            {
              name: 'eno1',
              mac: 'aa:bb:cc:00:00:01',
              ip: 'fd00::5',
              speedGbps: 25,
              pxe: true,
            },
            { name: 'eno2', mac: 'aa:bb:cc:00:00:02', speedGbps: 25 },
          ],
          storage: [
            { name: '/dev/nvme0n1', sizeBytes: 960197124096, type: 'NVME' },
          ],
        },
      },
    };
    const host = projectBareMetalHost(raw);
    expect(host.hardware).toEqual({
      manufacturer: 'Dell Inc.',
      productName: 'R650',
      serialNumber: undefined,
      cpuModel: 'Xeon',
      cpuArch: 'x86_64',
      cpuCount: 64,
      cpuMhz: 2900,
      ramMebibytes: 262144,
      biosVersion: undefined,
      biosVendor: undefined,
      nicCount: 2,
      diskCount: 1,
      diskTotalBytes: 960197124096,
    });
    // The lists are read live for the host page, not cached.
    const details = projectHardwareDetails(raw);
    expect(details?.disks).toEqual([
      expect.objectContaining({
        name: '/dev/nvme0n1',
        type: 'NVME',
        sizeBytes: 960197124096,
      }),
    ]);
    expect(details?.nics).toEqual([
      expect.objectContaining({
        name: 'eno1',
        mac: 'aa:bb:cc:00:00:01',
        ips: ['10.0.0.5', 'fd00::5'],
      }),
      expect.objectContaining({ name: 'eno2', ips: [] }),
    ]);
  });

  it('keeps only the annotations the portal uses, never the status backup', () => {
    const host = projectBareMetalHost({
      metadata: {
        name: 'h',
        annotations: {
          'baremetalhost.metal3.io/status': '{"huge": "json"}',
          'kubectl.kubernetes.io/last-applied-configuration': '{}',
          'reboot.metal3.io/metal3-remediation-1': '',
          'baremetalhost.metal3.io/paused': 'metal3.io/capm3',
        },
      },
    });
    expect(host.annotations).toEqual({
      'reboot.metal3.io/metal3-remediation-1': '',
      'baremetalhost.metal3.io/paused': 'metal3.io/capm3',
    });
  });

  it('drops the empty timestamps BMO writes into operationHistory', () => {
    const host = projectBareMetalHost({
      metadata: { name: 'h' },
      status: {
        operationHistory: {
          register: {
            start: '2026-01-01T00:00:00Z',
            end: '2026-01-01T00:00:05Z',
          },
          inspect: { start: '2026-01-01T00:00:06Z', end: '' },
          provision: { start: '', end: '' },
        },
      },
    });
    expect(host.operationHistory).toEqual({
      register: { start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:00:05Z' },
      inspect: { start: '2026-01-01T00:00:06Z' },
    });
  });
});

describe('projectMachineDeployment', () => {
  const meta = {
    name: 'kube-dc-workers',
    namespace: 'metal3',
    uid: 'u',
    resourceVersion: '9',
  };

  it('reads v1beta2', () => {
    const md = projectMachineDeployment({
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      metadata: meta,
      spec: {
        clusterName: 'kube-dc',
        replicas: 3,
        selector: { matchLabels: { pool: 'workers' } },
        rollout: {
          strategy: {
            type: 'RollingUpdate',
            rollingUpdate: { maxSurge: 0, maxUnavailable: 1 },
          },
        },
        deletion: { order: 'Oldest' },
        template: {
          spec: {
            version: 'v1.33.0',
            infrastructureRef: {
              apiGroup: 'infrastructure.cluster.x-k8s.io',
              kind: 'Metal3MachineTemplate',
              name: 'workers-v2',
            },
          },
        },
      },
      status: {
        replicas: 3,
        readyReplicas: 2,
        availableReplicas: 2,
        upToDateReplicas: 3,
        phase: 'Running',
      },
    });
    expect(md).toMatchObject({
      replicas: 3,
      maxSurge: 0,
      maxUnavailable: 1,
      deletionOrder: 'Oldest',
      version: 'v1.33.0',
      infrastructureRef: {
        kind: 'Metal3MachineTemplate',
        name: 'workers-v2',
        apiGroup: 'infrastructure.cluster.x-k8s.io',
      },
      status: {
        replicas: 3,
        readyReplicas: 2,
        availableReplicas: 2,
        upToDateReplicas: 3,
        phase: 'Running',
      },
    });
  });

  it('reads v1beta1, preferring the v1beta2 counters it carries', () => {
    const md = projectMachineDeployment({
      apiVersion: 'cluster.x-k8s.io/v1beta1',
      metadata: meta,
      spec: {
        replicas: 2,
        strategy: {
          rollingUpdate: {
            maxSurge: 1,
            maxUnavailable: 0,
            deletePolicy: 'Newest',
          },
        },
        template: {
          spec: {
            infrastructureRef: {
              apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
              kind: 'Metal3MachineTemplate',
              name: 'workers-v1',
            },
          },
        },
      },
      status: {
        replicas: 2,
        readyReplicas: 1,
        updatedReplicas: 2,
        v1beta2: {
          readyReplicas: 2,
          availableReplicas: 2,
          upToDateReplicas: 1,
        },
      },
    });
    expect(md).toMatchObject({
      maxSurge: 1,
      deletionOrder: 'Newest',
      infrastructureRef: {
        apiGroup: 'infrastructure.cluster.x-k8s.io',
        name: 'workers-v1',
      },
      status: {
        replicas: 2,
        readyReplicas: 2,
        availableReplicas: 2,
        upToDateReplicas: 1,
      },
    });
  });

  it('falls back to updatedReplicas on an old v1beta1 status', () => {
    const md = projectMachineDeployment({
      apiVersion: 'cluster.x-k8s.io/v1beta1',
      metadata: meta,
      status: { replicas: 2, updatedReplicas: 1 },
    });
    expect(md.status.upToDateReplicas).toBe(1);
  });
});

describe('projectMachineHealthCheck', () => {
  it('normalises v1beta1 durations and v1beta2 seconds to the same shape', () => {
    const v1 = projectMachineHealthCheck({
      apiVersion: 'cluster.x-k8s.io/v1beta1',
      metadata: { name: 'mhc' },
      spec: {
        nodeStartupTimeout: '30m',
        maxUnhealthy: '40%',
        unhealthyConditions: [
          { type: 'Ready', status: 'False', timeout: '5m' },
        ],
        remediationTemplate: {
          apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
          kind: 'Metal3RemediationTemplate',
          name: 'reboot',
        },
      },
    });
    const v2 = projectMachineHealthCheck({
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      metadata: { name: 'mhc' },
      spec: {
        checks: {
          nodeStartupTimeoutSeconds: 1800,
          unhealthyNodeConditions: [
            { type: 'Ready', status: 'False', timeoutSeconds: 300 },
          ],
        },
        remediation: {
          triggerIf: { unhealthyLessThanOrEqualTo: '40%' },
          templateRef: {
            apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
            kind: 'Metal3RemediationTemplate',
            name: 'reboot',
          },
        },
      },
    });
    const { resourceVersion: _a, apiVersion: v1Version, ...a } = v1;
    const { resourceVersion: _c, apiVersion: v2Version, ...b } = v2;
    expect(a).toEqual(b);
    expect(a.nodeStartupTimeoutSeconds).toBe(1800);
    // The version read decides the field paths a fix names.
    expect([v1Version, v2Version]).toEqual(['v1beta1', 'v1beta2']);
  });
});

describe('durationSeconds', () => {
  it.each([
    ['300s', 300],
    ['10m', 600],
    ['1h30m', 5400],
    ['1m30.5s', 91],
    ['', undefined],
    ['10 minutes', undefined],
  ])('%j is %s seconds', (text, seconds) => {
    expect(durationSeconds(text)).toBe(seconds);
  });
});

describe('machine, metal3 and node projections', () => {
  it('links a Machine to its pool, set, node and deletion mark', () => {
    const machine = projectMachine({
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      metadata: {
        name: 'kube-dc-workers-abc',
        labels: {
          'cluster.x-k8s.io/deployment-name': 'kube-dc-workers',
          'cluster.x-k8s.io/set-name': 'kube-dc-workers-5d8f',
        },
        annotations: { 'cluster.x-k8s.io/delete-machine': 'yes' },
      },
      spec: {
        infrastructureRef: {
          apiGroup: 'infrastructure.cluster.x-k8s.io',
          kind: 'Metal3Machine',
          name: 'm3m-1',
        },
      },
      status: { nodeRef: { name: 'worker-1' }, phase: 'Running' },
    });
    expect(machine).toMatchObject({
      deploymentName: 'kube-dc-workers',
      machineSetName: 'kube-dc-workers-5d8f',
      nodeName: 'worker-1',
      markedForDeletion: true,
      deleting: false,
      infrastructureRef: { kind: 'Metal3Machine', name: 'm3m-1' },
    });
  });

  it('reads the claimed host and provisioned flag of both CAPM3 versions', () => {
    const annotations = { 'metal3.io/BareMetalHost': 'metal3/worker-1' };
    expect(
      projectMetal3Machine({
        metadata: { name: 'a', annotations },
        status: { ready: true },
      }),
    ).toMatchObject({ hostRef: 'metal3/worker-1', provisioned: true });
    expect(
      projectMetal3Machine({
        metadata: { name: 'a' },
        status: { initialization: { provisioned: false } },
      }).provisioned,
    ).toBe(false);
  });

  it('reads the host selector and image of a machine template (format or diskFormat)', () => {
    const template = projectMetal3MachineTemplate({
      metadata: { name: 'workers' },
      spec: {
        template: {
          spec: {
            hostSelector: {
              matchLabels: { pool: 'workers' },
              matchExpressions: [
                { key: 'hw/ram', operator: 'In', values: ['512'] },
              ],
            },
            image: {
              url: 'http://img/ubuntu.qcow2',
              checksum: 'http://img/ubuntu.sha256',
              diskFormat: 'qcow2',
            },
          },
        },
      },
    });
    expect(template.hostSelector).toEqual({
      matchLabels: { pool: 'workers' },
      matchExpressions: [{ key: 'hw/ram', operator: 'In', values: ['512'] }],
    });
    expect(template.imageFormat).toBe('qcow2');
  });

  it('reads node readiness and cordon', () => {
    expect(
      projectNode({
        metadata: { name: 'worker-1' },
        spec: {
          unschedulable: true,
          providerID: 'metal3://metal3/worker-1/m3m-1',
        },
        status: {
          conditions: [{ type: 'Ready', status: 'False' }],
          nodeInfo: { kubeletVersion: 'v1.33.0' },
        },
      }),
    ).toMatchObject({
      ready: 'False',
      unschedulable: true,
      kubeletVersion: 'v1.33.0',
    });
  });
});
