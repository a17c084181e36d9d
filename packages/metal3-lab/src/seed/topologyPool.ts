import { OwnerReference } from '../types';
import { R } from '../resourceKeys';
import { ObjectStore } from '../kube/ObjectStore';
import { put } from './put';
import { POOL_IMAGE, seedPoolMember } from './poolMember';
import type { HostSeed } from './seedFleet';

const NS = 'metal3';
const CAPI = 'cluster.x-k8s.io/v1beta2';
const INFRA = 'infrastructure.cluster.x-k8s.io/v1beta2';

/**
 * A worker pool owned by a ClusterClass topology, as Cluster API's topology
 * controller leaves it: the Cluster `apps` (spec.topology, class
 * `metal3-rke2`) owns the MachineDeployment of its topology entry `md-0`.
 * Hides write bugs: a scale written to that MachineDeployment is reverted
 * by the topology controller (controllers/capi/topology.ts); the replicas
 * live in the Cluster's topology.
 *
 * Names follow CAPI's generators (`<cluster>-<topology name>-<random>` for
 * the MachineDeployment and the cloned templates, `<cluster>-<random>` for
 * the infrastructure cluster) with fixed suffixes, so tests can name them.
 * The lab serves no bootstrap or control-plane provider: the ClusterClass
 * names RKE2 templates the lab does not serve, the Cluster has no
 * controlPlaneRef, and members boot from a user-data Secret
 * (`bootstrap.dataSecretName`), as the `kube-dc-workers` pool does.
 */
export const TOPOLOGY_POOL = {
  cluster: 'apps',
  clusterClass: 'metal3-rke2',
  /** The MachineDeploymentClass of the ClusterClass. */
  workerClass: 'worker',
  /** The topology entry (`spec.topology.workers.machineDeployments[].name`). */
  topologyName: 'md-0',
  machineDeployment: 'apps-md-0-h7k2w',
  machineSet: 'apps-md-0-h7k2w-q2x9r',
  machineTemplate: 'apps-md-0-v5b8c',
  infrastructureCluster: 'apps-lt4xq',
  replicas: 2,
  hostLabels: { pool: 'apps' },
} as const;

/** Two hosts running the pool and one free host its selector matches. */
export const APPS_HOSTS: HostSeed[] = [
  {
    name: 'apps-0',
    profile: 'dell-r650',
    state: 'provisioned',
    labels: { ...TOPOLOGY_POOL.hostLabels },
    machine: 0,
    consumer: `${TOPOLOGY_POOL.machineSet}-m4zt8`,
  },
  {
    name: 'apps-1',
    profile: 'dell-r650',
    state: 'provisioned',
    labels: { ...TOPOLOGY_POOL.hostLabels },
    machine: 1,
    consumer: `${TOPOLOGY_POOL.machineSet}-w9c2d`,
  },
  {
    name: 'apps-2',
    profile: 'hpe-dl325',
    state: 'available',
    labels: { ...TOPOLOGY_POOL.hostLabels },
  },
];

/** The labels CAPI's topology controller puts on what it owns (desired_state.go). */
export const TOPOLOGY_LABELS = {
  owned: 'topology.cluster.x-k8s.io/owned',
  deploymentName: 'topology.cluster.x-k8s.io/deployment-name',
  clusterName: 'cluster.x-k8s.io/cluster-name',
} as const;

/** Seeds the ClusterClass, the topology Cluster `apps` and its pool. */
export function seedTopologyPool(store: ObjectStore, now: Date): void {
  const P = TOPOLOGY_POOL;
  put(store, R.m3ct, {
    apiVersion: INFRA,
    kind: 'Metal3ClusterTemplate',
    metadata: { name: `${P.clusterClass}-cluster`, namespace: NS },
    spec: {
      template: {
        spec: { controlPlaneEndpoint: { host: '10.10.0.20', port: 6443 } },
      },
    },
  });
  const workerTemplate = {
    hostSelector: { matchLabels: { ...P.hostLabels } },
    image: { ...POOL_IMAGE, checksumType: 'sha256', diskFormat: 'qcow2' },
    automatedCleaningMode: 'metadata',
  };
  put(store, R.m3mt, {
    apiVersion: INFRA,
    kind: 'Metal3MachineTemplate',
    metadata: { name: `${P.clusterClass}-worker`, namespace: NS },
    spec: { template: { spec: workerTemplate } },
  });
  put(store, R.clusterClass, {
    apiVersion: CAPI,
    kind: 'ClusterClass',
    metadata: { name: P.clusterClass, namespace: NS },
    spec: {
      infrastructure: {
        templateRef: {
          apiVersion: INFRA,
          kind: 'Metal3ClusterTemplate',
          name: `${P.clusterClass}-cluster`,
        },
      },
      controlPlane: {
        templateRef: {
          apiVersion: 'controlplane.cluster.x-k8s.io/v1beta1',
          kind: 'RKE2ControlPlaneTemplate',
          name: `${P.clusterClass}-control-plane`,
        },
      },
      workers: {
        machineDeployments: [
          {
            class: P.workerClass,
            bootstrap: {
              templateRef: {
                apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta1',
                kind: 'RKE2ConfigTemplate',
                name: `${P.clusterClass}-worker-bootstrap`,
              },
            },
            infrastructure: {
              templateRef: {
                apiVersion: INFRA,
                kind: 'Metal3MachineTemplate',
                name: `${P.clusterClass}-worker`,
              },
            },
          },
        ],
      },
    },
  });
  const cluster = put(store, R.cluster, {
    apiVersion: CAPI,
    kind: 'Cluster',
    metadata: {
      name: P.cluster,
      namespace: NS,
      labels: {
        [TOPOLOGY_LABELS.clusterName]: P.cluster,
        [TOPOLOGY_LABELS.owned]: '',
      },
    },
    spec: {
      infrastructureRef: {
        apiGroup: 'infrastructure.cluster.x-k8s.io',
        kind: 'Metal3Cluster',
        name: P.infrastructureCluster,
      },
      topology: {
        classRef: { name: P.clusterClass },
        version: 'v1.33.0',
        workers: {
          machineDeployments: [
            {
              class: P.workerClass,
              name: P.topologyName,
              replicas: P.replicas,
            },
          ],
        },
      },
    },
    status: { phase: 'Provisioned' },
  });
  // What the topology controller clones carries the cluster's labels, the
  // cloned-from annotations and an owner reference to the Cluster.
  const owner: OwnerReference = {
    apiVersion: CAPI,
    kind: 'Cluster',
    name: cluster.metadata.name!,
    uid: cluster.metadata.uid!,
  };
  const clone = (from: string, groupKind: string, labels = {}) => ({
    namespace: NS,
    labels: {
      ...labels,
      [TOPOLOGY_LABELS.clusterName]: P.cluster,
      [TOPOLOGY_LABELS.owned]: '',
    },
    annotations: {
      'cluster.x-k8s.io/cloned-from-name': from,
      'cluster.x-k8s.io/cloned-from-groupkind': groupKind,
    },
    ownerReferences: [owner],
  });
  put(store, R.m3c, {
    apiVersion: INFRA,
    kind: 'Metal3Cluster',
    metadata: {
      name: P.infrastructureCluster,
      ...clone(
        `${P.clusterClass}-cluster`,
        'Metal3ClusterTemplate.infrastructure.cluster.x-k8s.io',
      ),
    },
    spec: { controlPlaneEndpoint: { host: '10.10.0.20', port: 6443 } },
  });
  put(store, R.m3mt, {
    apiVersion: INFRA,
    kind: 'Metal3MachineTemplate',
    metadata: {
      name: P.machineTemplate,
      ...clone(
        `${P.clusterClass}-worker`,
        'Metal3MachineTemplate.infrastructure.cluster.x-k8s.io',
        { [TOPOLOGY_LABELS.deploymentName]: P.topologyName },
      ),
    },
    spec: { template: { spec: workerTemplate } },
  });
  const dataSecretName = `${P.cluster}-${P.topologyName}-userdata`;
  put(store, R.secret, {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: { name: dataSecretName, namespace: NS },
    data: {
      value: Buffer.from('#cloud-config\n# RKE2 agent join (lab)\n').toString(
        'base64',
      ),
    },
  });
  const poolLabels = {
    [TOPOLOGY_LABELS.clusterName]: P.cluster,
    [TOPOLOGY_LABELS.owned]: '',
    [TOPOLOGY_LABELS.deploymentName]: P.topologyName,
  };
  const md = put(store, R.md, {
    apiVersion: CAPI,
    kind: 'MachineDeployment',
    metadata: {
      name: P.machineDeployment,
      namespace: NS,
      labels: poolLabels,
      ownerReferences: [owner],
    },
    spec: {
      clusterName: P.cluster,
      replicas: P.replicas,
      selector: { matchLabels: poolLabels },
      // CAPI's MachineDeployment defaults (the class sets no rollout).
      rollout: {
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
        },
      },
      template: {
        metadata: { labels: poolLabels },
        spec: {
          clusterName: P.cluster,
          version: 'v1.33.0',
          bootstrap: { dataSecretName },
          infrastructureRef: {
            apiGroup: 'infrastructure.cluster.x-k8s.io',
            kind: 'Metal3MachineTemplate',
            name: P.machineTemplate,
          },
        },
      },
    },
    status: {
      replicas: P.replicas,
      readyReplicas: P.replicas,
      availableReplicas: P.replicas,
      upToDateReplicas: P.replicas,
      phase: 'Running',
      selector: Object.entries(poolLabels)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    },
  });
  const ms = put(store, R.ms, {
    apiVersion: CAPI,
    kind: 'MachineSet',
    metadata: {
      name: P.machineSet,
      namespace: NS,
      labels: {
        ...poolLabels,
        'cluster.x-k8s.io/deployment-name': P.machineDeployment,
      },
      ownerReferences: [
        {
          apiVersion: CAPI,
          kind: 'MachineDeployment',
          name: md.metadata.name!,
          uid: md.metadata.uid!,
          controller: true,
        },
      ],
    },
    spec: {
      clusterName: P.cluster,
      replicas: P.replicas,
      selector: { matchLabels: poolLabels },
      template: md.spec.template,
    },
    status: {
      replicas: P.replicas,
      readyReplicas: P.replicas,
      availableReplicas: P.replicas,
    },
  });
  for (const host of APPS_HOSTS.filter(h => h.consumer)) {
    seedPoolMember(store, {
      namespace: NS,
      clusterName: P.cluster,
      deploymentName: P.machineDeployment,
      machineSet: ms,
      // CAPI names a Metal3Machine after its Machine.
      machineName: host.consumer!,
      metal3MachineName: host.consumer!,
      hostName: host.name,
      labels: poolLabels,
      dataSecretName,
      hostSelector: { ...P.hostLabels },
      internalIP: `10.10.2.${10 + host.machine!}`,
      now,
    });
  }
}
