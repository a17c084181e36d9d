import { Entity } from '@backstage/catalog-model';
import {
  projectBareMetalHost,
  projectMachineDeployment,
} from '@metal3-fleet/plugin-metal3-node';
import { LiveObjects, metal3SearchFields } from './metal3SearchFields';

const NOW = new Date('2026-12-07T17:00:00Z');

const entity = (type: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: `kube-dc-mgmt.metal3.${name}`,
    annotations: {
      'backstage.io/kubernetes-cluster': 'kube-dc-mgmt',
      'backstage.io/kubernetes-namespace': 'metal3',
      'metal3.backstage.io/name': name,
    },
  },
  spec: { type, owner: 'group:default/metal3-admins' },
});

const host = (name: string, labels: object, status: object) =>
  projectBareMetalHost({
    metadata: { name, namespace: 'metal3', resourceVersion: '1', labels },
    spec: { online: true },
    status,
  });

const live = (objects: {
  hosts?: ReturnType<typeof projectBareMetalHost>[];
  pools?: ReturnType<typeof projectMachineDeployment>[];
}): LiveObjects => ({
  host: (cluster, namespace, name) =>
    cluster === 'kube-dc-mgmt'
      ? objects.hosts?.find(h => h.namespace === namespace && h.name === name)
      : undefined,
  pool: (cluster, namespace, name) =>
    cluster === 'kube-dc-mgmt'
      ? objects.pools?.find(p => p.namespace === namespace && p.name === name)
      : undefined,
});

describe('metal3SearchFields', () => {
  it("gives a claimed host its clusters and the fleet page's status label", () => {
    const objects = live({
      hosts: [
        host(
          'worker-0',
          { 'cluster.x-k8s.io/cluster-name': 'kube-dc' },
          {
            provisioning: { state: 'provisioned' },
            operationalStatus: 'OK',
            poweredOn: true,
          },
        ),
      ],
    });
    expect(
      metal3SearchFields(entity('baremetal-host', 'worker-0'), objects, NOW),
    ).toEqual({
      metal3Cluster: 'kube-dc-mgmt',
      metal3WorkloadCluster: 'kube-dc',
      metal3Status: 'Provisioned',
      metal3StatusTone: 'ok',
      metal3StatusAt: '2026-12-07T17:00:00.000Z',
    });
  });

  it('marks a host in error as an error', () => {
    const objects = live({
      hosts: [
        host(
          'worker-9',
          {},
          {
            provisioning: { state: 'registering' },
            operationalStatus: 'error',
            errorType: 'registration error',
            errorMessage: 'Failed to get power state for node: 401',
            errorCount: 2,
          },
        ),
      ],
    });
    const fields = metal3SearchFields(
      entity('baremetal-host', 'worker-9'),
      objects,
      NOW,
    );
    expect(fields.metal3Status).toBe('Registration error');
    expect(fields.metal3StatusTone).toBe('error');
    expect(fields).not.toHaveProperty('metal3WorkloadCluster');
  });

  it('gives a pool its workload cluster and its health, scaling included', () => {
    const pool = projectMachineDeployment({
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      metadata: { name: 'kube-dc-workers', namespace: 'metal3' },
      spec: { clusterName: 'kube-dc', replicas: 3 },
      status: { replicas: 2, readyReplicas: 2, availableReplicas: 2 },
    });
    expect(
      metal3SearchFields(
        entity('worker-pool', 'kube-dc-workers'),
        live({ pools: [pool] }),
        NOW,
      ),
    ).toMatchObject({
      metal3Cluster: 'kube-dc-mgmt',
      metal3WorkloadCluster: 'kube-dc',
      metal3Status: 'Scaling up',
      metal3StatusTone: 'progressing',
    });
  });

  it('gives a host the cache does not hold yet its cluster only, and other entities nothing', () => {
    expect(
      metal3SearchFields(entity('baremetal-host', 'new-1'), live({}), NOW),
    ).toEqual({ metal3Cluster: 'kube-dc-mgmt' });
    expect(
      metal3SearchFields(entity('service', 'portal'), live({}), NOW),
    ).toEqual({});
  });
});
