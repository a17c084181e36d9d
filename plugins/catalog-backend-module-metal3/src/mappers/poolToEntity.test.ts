import {
  projectMachineDeployment,
  projectMetal3MachineTemplate,
} from '@metal3-fleet/plugin-metal3-node';
import { createOwnerResolver } from '@metal3-fleet/plugin-metal3-common';
import { poolToEntity } from './poolToEntity';

const context = {
  cluster: 'kube-dc-mgmt',
  providerName: 'metal3:kube-dc-mgmt',
  fleetUrl: 'http://portal.example/metal3',
  ownerOf: createOwnerResolver({
    ownerKey: 'team',
    defaultOwner: 'group:default/platform',
  }),
};

describe('poolToEntity', () => {
  const md = (replicas: number, status: object) =>
    projectMachineDeployment({
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      metadata: {
        name: 'kube-dc-workers',
        namespace: 'metal3',
        uid: 'p',
        resourceVersion: String(replicas),
        labels: { team: 'user:default/alice' },
      },
      spec: {
        clusterName: 'kube-dc',
        replicas,
        template: { spec: { version: 'v1.33.0' } },
      },
      status,
    });
  const template = projectMetal3MachineTemplate({
    metadata: { name: 'workers-v1', namespace: 'metal3' },
    spec: {
      template: {
        spec: {
          image: { url: 'http://images/ubuntu-24.04-rke2.qcow2' },
          hostSelector: { matchLabels: { pool: 'workers' } },
        },
      },
    },
  });

  it('maps image, version, selector, owner and the cluster relation', () => {
    const entity = poolToEntity(md(2, {}), template, context);
    expect(entity.metadata.name).toBe('kube-dc-mgmt.metal3.kube-dc-workers');
    expect(entity.spec).toEqual({
      type: 'worker-pool',
      owner: 'user:default/alice',
      dependencyOf: ['resource:default/kube-dc-mgmt'],
    });
    expect(entity.metadata.annotations).toMatchObject({
      'metal3.backstage.io/image': 'http://images/ubuntu-24.04-rke2.qcow2',
      'metal3.backstage.io/kubernetes-version': 'v1.33.0',
      'metal3.backstage.io/host-selector': 'pool=workers',
      // The MachineDeployment carries no label of its own name: its workload
      // cluster's is the one its MachineSets and Machines share with it.
      'backstage.io/kubernetes-label-selector':
        'cluster.x-k8s.io/cluster-name=kube-dc',
    });
  });

  it('does not change when replicas are scaled or status moves', () => {
    expect(
      poolToEntity(
        md(3, { readyReplicas: 1, phase: 'ScalingUp' }),
        template,
        context,
      ),
    ).toEqual(
      poolToEntity(
        md(2, { readyReplicas: 2, phase: 'Running' }),
        template,
        context,
      ),
    );
  });
});
