import { InMemoryClusterService } from '@metal3-fleet/plugin-metal3-node/testUtils';

/** Raw objects of a small fleet, shaped like the API server returns them. */
const ns = 'metal3';
const meta = (name: string, extra: object = {}) => ({
  name,
  namespace: ns,
  uid: `uid-${name}`,
  resourceVersion: '1',
  ...extra,
});

function host(
  name: string,
  options: {
    state: string;
    online?: boolean;
    annotations?: Record<string, string>;
    consumer?: string;
    vendor?: string;
    labels?: Record<string, string>;
    error?: string;
  },
) {
  return {
    apiVersion: 'metal3.io/v1alpha1',
    kind: 'BareMetalHost',
    metadata: meta(name, {
      annotations: options.annotations,
      labels: options.labels,
    }),
    spec: {
      online: options.online ?? true,
      bootMACAddress: '52:54:00:00:00:01',
      bmc: {
        address: `redfish+https://10.0.0.1/redfish/v1/Systems/${name}`,
        credentialsName: `${name}-bmc-secret`,
      },
      ...(options.consumer && {
        consumerRef: {
          apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
          kind: 'Metal3Machine',
          name: options.consumer,
          namespace: ns,
        },
      }),
    },
    status: {
      provisioning: { state: options.state },
      operationalStatus: options.error ? 'error' : 'OK',
      ...(options.error && {
        errorType: options.error,
        errorMessage: 'Failed to get power state for node',
      }),
      poweredOn: options.online ?? true,
      hardware: {
        systemVendor: {
          manufacturer: options.vendor ?? 'Dell Inc.',
          productName: 'PowerEdge R650',
        },
        cpu: { count: 64, model: 'Xeon' },
        ramMebibytes: 262144,
        nics: [{ name: 'eno1', mac: '52:54:00:00:00:01' }],
        storage: [{ name: '/dev/sda', sizeBytes: 480e9 }],
      },
    },
  };
}

/**
 * A fleet where each host is already in the state its action asks for, so the
 * authorization tests can reach 2xx without writing to a cluster.
 */
export function createFleet(): InMemoryClusterService {
  const fleet = new InMemoryClusterService(['kube-dc-mgmt', 'edge-lab']);
  const put = (resource: any, raw: any, cluster = 'kube-dc-mgmt') =>
    fleet.put(cluster, resource, raw);
  put(
    'baremetalhosts',
    host('worker-0', {
      state: 'provisioned',
      consumer: 'workers-m3m-0',
      annotations: { 'reboot.metal3.io': '{"mode":"soft"}' },
    }),
  );
  put(
    'baremetalhosts',
    host('spare-1', {
      state: 'available',
      labels: { pool: 'workers' },
      annotations: { 'inspect.metal3.io': '' },
    }),
  );
  put(
    'baremetalhosts',
    host('spare-2', {
      state: 'available',
      online: false,
      // Owned by a team: conditional permission tests grant its members power.
      labels: { pool: 'workers', 'metal3.backstage.io/owner': 'team-a' },
      vendor: 'HPE',
    }),
  );
  put(
    'baremetalhosts',
    host('broken-3', {
      state: 'registering',
      error: 'registration error',
      annotations: { 'baremetalhost.metal3.io/detached': '' },
    }),
  );
  put(
    'baremetalhosts',
    host('edge-0', { state: 'available', vendor: 'Supermicro' }),
    'edge-lab',
  );
  put('metal3machines', {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
    kind: 'Metal3Machine',
    metadata: meta('workers-m3m-0', {
      annotations: { 'metal3.io/BareMetalHost': `${ns}/worker-0` },
      ownerReferences: [{ kind: 'Machine', name: 'workers-abc' }],
    }),
  });
  put('machines', {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: meta('workers-abc', {
      labels: { 'cluster.x-k8s.io/deployment-name': 'kube-dc-workers' },
      annotations: { 'cluster.x-k8s.io/delete-machine': 'yes' },
    }),
    spec: {
      infrastructureRef: {
        apiGroup: 'infrastructure.cluster.x-k8s.io',
        kind: 'Metal3Machine',
        name: 'workers-m3m-0',
      },
    },
    status: { nodeRef: { name: 'worker-0' }, phase: 'Running' },
  });
  put('nodes', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'worker-0', uid: 'n0', resourceVersion: '1' },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  });
  put('machinedeployments', {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'MachineDeployment',
    metadata: meta('kube-dc-workers'),
    spec: {
      clusterName: 'kube-dc',
      replicas: 2,
      template: {
        spec: {
          version: 'v1.33.0',
          infrastructureRef: {
            kind: 'Metal3MachineTemplate',
            name: 'workers-tmpl',
          },
        },
      },
    },
    status: {
      replicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      upToDateReplicas: 1,
      phase: 'ScalingUp',
    },
  });
  put('metal3machinetemplates', {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
    kind: 'Metal3MachineTemplate',
    metadata: meta('workers-tmpl'),
    spec: {
      template: {
        spec: {
          hostSelector: { matchLabels: { pool: 'workers' } },
          image: { url: 'http://images/ubuntu.qcow2' },
        },
      },
    },
  });
  return fleet;
}
