import { InMemoryClusterService } from '../../testUtils/InMemoryClusterService';

export const CLUSTER = 'kube-dc-mgmt';
const CAPI = 'cluster.x-k8s.io/v1beta2';
const INFRA = 'infrastructure.cluster.x-k8s.io/v1beta1';
const NS = 'metal3';

/**
 * A Kube-DC management cluster as the guide builds it, with the defects its
 * troubleshooting sections describe: the guide's MachineHealthCheck
 * (maxUnhealthy 40% on 2 replicas), a worker carrying the master label, a
 * worker whose trunk NIC has another name than the ProviderNetwork's
 * default, CAPM3 down, an unversioned image without checksum type.
 */
export function runbookCluster(): InMemoryClusterService {
  const fleet = new InMemoryClusterService([CLUSTER]);
  const put = (resource: Parameters<typeof fleet.put>[1], raw: any) =>
    fleet.put(CLUSTER, resource, raw);

  put('machinedeployments', {
    apiVersion: CAPI,
    kind: 'MachineDeployment',
    metadata: { name: 'workers', namespace: NS, resourceVersion: '1' },
    spec: {
      clusterName: CLUSTER,
      replicas: 2,
      selector: {
        matchLabels: { 'cluster.x-k8s.io/deployment-name': 'workers' },
      },
      rollout: {
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
        },
      },
      template: {
        spec: {
          version: 'v1.35.0',
          infrastructureRef: {
            apiGroup: 'infrastructure.cluster.x-k8s.io',
            kind: 'Metal3MachineTemplate',
            name: 'workers-v1',
          },
        },
      },
    },
  });
  put('metal3machinetemplates', {
    apiVersion: INFRA,
    kind: 'Metal3MachineTemplate',
    metadata: { name: 'workers-v1', namespace: NS, resourceVersion: '1' },
    spec: {
      template: {
        spec: {
          automatedCleaningMode: 'metadata',
          hostSelector: { matchLabels: { pool: 'workers' } },
          image: {
            url: 'http://images.local/ubuntu-24.04-rke2.qcow2',
            checksum: 'http://images.local/ubuntu-24.04-rke2.qcow2.sha256sum',
            checksumType: 'sha256',
            format: 'qcow2',
          },
        },
      },
    },
  });
  put('machinehealthchecks', {
    apiVersion: 'cluster.x-k8s.io/v1beta1',
    kind: 'MachineHealthCheck',
    metadata: { name: 'workers-mhc', namespace: NS, resourceVersion: '1' },
    spec: {
      clusterName: CLUSTER,
      maxUnhealthy: '40%',
      nodeStartupTimeout: '30m',
      selector: {
        matchLabels: { 'cluster.x-k8s.io/deployment-name': 'workers' },
      },
      remediationTemplate: {
        apiVersion: INFRA,
        kind: 'Metal3RemediationTemplate',
        name: 'workers-reboot',
      },
    },
    status: { expectedMachines: 2, currentHealthy: 2, remediationsAllowed: 0 },
  });
  const worker = (i: number, nics: any[], labels: Record<string, string>) => {
    const host = `worker-${i}`;
    const machine = `workers-abc-${i}`;
    put('baremetalhosts', {
      apiVersion: 'metal3.io/v1alpha1',
      kind: 'BareMetalHost',
      metadata: {
        name: host,
        namespace: NS,
        resourceVersion: '1',
        labels: { pool: 'workers' },
        creationTimestamp: '2026-01-01T00:00:00Z',
      },
      spec: {
        online: true,
        bootMACAddress: nics[0].mac,
        bmc: {
          address:
            i === 1
              ? 'ipmi://10.0.0.11'
              : `redfish-virtualmedia://10.0.0.1${i}/redfish/v1/Systems/1`,
          credentialsName: `${host}-bmc-secret`,
          disableCertificateVerification: i === 2,
        },
        automatedCleaningMode: 'metadata',
        consumerRef: {
          apiVersion: INFRA,
          kind: 'Metal3Machine',
          name: `workers-m3m-${i}`,
          namespace: NS,
        },
        image: {
          url: 'http://images.local/ubuntu-24.04-rke2.qcow2',
          checksum: 'http://images.local/ubuntu-24.04-rke2.qcow2.sha256sum',
          checksumType: 'sha256',
          format: 'qcow2',
        },
      },
      status: {
        provisioning: { state: 'provisioned' },
        poweredOn: true,
        operationHistory: {
          provision: {
            start: '2026-11-25T10:00:00Z',
            end: '2026-11-25T10:15:00Z',
          },
        },
        hardware: {
          systemVendor: {
            manufacturer: 'Dell Inc.',
            productName: 'PowerEdge R650',
            serialNumber: `SN-${i}`,
          },
          nics,
          storage: [
            { name: '/dev/sda', sizeBytes: 1e12 },
            { name: '/dev/sdb', sizeBytes: 1e12 },
          ],
        },
      },
    });
    put('metal3machines', {
      apiVersion: INFRA,
      kind: 'Metal3Machine',
      metadata: {
        name: `workers-m3m-${i}`,
        namespace: NS,
        resourceVersion: '1',
        annotations: { 'metal3.io/BareMetalHost': `${NS}/${host}` },
        ownerReferences: [{ kind: 'Machine', name: machine }],
      },
      spec: {},
    });
    put('machines', {
      apiVersion: CAPI,
      kind: 'Machine',
      metadata: {
        name: machine,
        namespace: NS,
        resourceVersion: '1',
        labels: { 'cluster.x-k8s.io/deployment-name': 'workers' },
      },
      spec: {
        clusterName: CLUSTER,
        providerID: `metal3://${NS}/${host}/workers-m3m-${i}`,
        infrastructureRef: { kind: 'Metal3Machine', name: `workers-m3m-${i}` },
      },
      status: { nodeRef: { name: host } },
    });
    put('nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: host, resourceVersion: '1', labels },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
  };
  worker(
    1,
    [
      {
        name: 'eno1',
        mac: '52:54:00:00:01:01',
        ip: '10.10.1.11',
        speedGbps: 1,
      },
      { name: 'eno12399', mac: '52:54:00:00:01:02', speedGbps: 25 },
    ],
    { 'node-role.kubernetes.io/worker': 'true' },
  );
  // The worker whose trunk NIC has another name, and the master label.
  worker(
    2,
    [
      {
        name: 'eno1',
        mac: '52:54:00:00:02:01',
        ip: '10.10.1.12',
        speedGbps: 1,
      },
      { name: 'ens1f0', mac: '52:54:00:00:02:02', speedGbps: 25 },
    ],
    { 'kube-ovn/role': 'master', 'node-role.kubernetes.io/worker': 'true' },
  );
  put('nodes', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: 'master-1',
      resourceVersion: '1',
      labels: {
        'kube-ovn/role': 'master',
        'node-role.kubernetes.io/control-plane': 'true',
      },
    },
  });
  put('provider-networks', {
    apiVersion: 'kubeovn.io/v1',
    kind: 'ProviderNetwork',
    metadata: { name: 'ext-cloud', resourceVersion: '1' },
    spec: { defaultInterface: 'eno12399' },
    status: {
      readyNodes: ['master-1', 'worker-1'],
      notReadyNodes: ['worker-2'],
      vlans: ['vlan200'],
    },
  });
  put('metal3remediations', {
    apiVersion: INFRA,
    kind: 'Metal3Remediation',
    metadata: {
      name: 'workers-abc-1',
      namespace: NS,
      resourceVersion: '1',
      creationTimestamp: '2026-11-25T11:50:00Z',
    },
    spec: { strategy: { type: 'Reboot', retryLimit: 2 } },
    status: { phase: 'Running', retryCount: 1 },
  });
  put('deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'capm3-controller-manager',
      namespace: 'capm3-system',
      resourceVersion: '1',
      labels: { 'cluster.x-k8s.io/provider': 'infrastructure-metal3' },
    },
    spec: {
      replicas: 1,
      template: {
        spec: {
          containers: [
            { image: 'quay.io/metal3-io/cluster-api-provider-metal3:v1.9.2' },
          ],
        },
      },
    },
    status: { readyReplicas: 0 },
  });
  return fleet;
}
