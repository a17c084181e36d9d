import { KubeObject } from '../types';
import { R } from '../resourceKeys';
import { ObjectStore } from '../kube/ObjectStore';
import { nodeSystemInfo } from '../controllers/nodeInfo';
import { put } from './put';
import { labelPoolMember } from './controllerLabels';

const CAPI = 'cluster.x-k8s.io/v1beta2';
const INFRA = 'infrastructure.cluster.x-k8s.io/v1beta2';

/** The image every seeded pool deploys. */
export const POOL_IMAGE = {
  url: 'http://images.lab/ubuntu-24.04-rke2-v1.33.qcow2',
  checksum: 'http://images.lab/ubuntu-24.04-rke2-v1.33.qcow2.sha256sum',
} as const;

const iso = (date: Date) => date.toISOString().replace(/\.\d+Z$/, 'Z');

/** One running member of a seeded pool: the host it runs on and its object names. */
export interface PoolMemberSeed {
  namespace: string;
  /** The CAPI Cluster the pool belongs to. */
  clusterName: string;
  /** The MachineDeployment (label `cluster.x-k8s.io/deployment-name`). */
  deploymentName: string;
  machineSet: KubeObject;
  machineName: string;
  metal3MachineName: string;
  hostName: string;
  /** Labels the Machine carries besides the deployment, set and cluster ones. */
  labels?: Record<string, string>;
  /** The pool's bootstrap data Secret. */
  dataSecretName: string;
  hostSelector: Record<string, string>;
  internalIP: string;
  now: Date;
}

/**
 * A pool member as the CAPI and CAPM3 controllers leave it once it runs:
 * Machine (Running, nodeRef) → Metal3Machine (provisioned, on its host) →
 * a Ready Node with the host's providerID.
 */
export function seedPoolMember(store: ObjectStore, seed: PoolMemberSeed) {
  const { namespace, machineSet: ms, hostName, metal3MachineName } = seed;
  const providerID = `metal3://${namespace}/${hostName}/${metal3MachineName}`;
  const machine = put(store, R.machine, {
    apiVersion: CAPI,
    kind: 'Machine',
    metadata: {
      name: seed.machineName,
      namespace,
      labels: {
        ...seed.labels,
        'cluster.x-k8s.io/deployment-name': seed.deploymentName,
        'cluster.x-k8s.io/set-name': ms.metadata.name!,
        'cluster.x-k8s.io/cluster-name': seed.clusterName,
      },
      ownerReferences: [
        {
          apiVersion: CAPI,
          kind: 'MachineSet',
          name: ms.metadata.name!,
          uid: ms.metadata.uid!,
          controller: true,
        },
      ],
    },
    spec: {
      clusterName: seed.clusterName,
      version: 'v1.33.0',
      bootstrap: { dataSecretName: seed.dataSecretName },
      infrastructureRef: {
        apiGroup: 'infrastructure.cluster.x-k8s.io',
        kind: 'Metal3Machine',
        name: metal3MachineName,
      },
      providerID,
    },
    status: {
      phase: 'Running',
      nodeRef: { name: hostName },
      initialization: {
        infrastructureProvisioned: true,
        bootstrapDataSecretCreated: true,
      },
    },
  });
  put(store, R.m3m, {
    apiVersion: INFRA,
    kind: 'Metal3Machine',
    metadata: {
      name: metal3MachineName,
      namespace,
      // CAPI's MachineSet creates the infrastructure machine with the
      // Machine's labels (controllers/capi/machineSet.ts does the same).
      labels: { ...machine.metadata.labels },
      annotations: { 'metal3.io/BareMetalHost': `${namespace}/${hostName}` },
      ownerReferences: [
        {
          apiVersion: CAPI,
          kind: 'Machine',
          name: machine.metadata.name!,
          uid: machine.metadata.uid!,
          controller: true,
        },
      ],
    },
    spec: {
      providerID,
      image: { ...POOL_IMAGE },
      hostSelector: { matchLabels: seed.hostSelector },
    },
    status: { initialization: { provisioned: true } },
  });
  labelPoolMember(store, {
    namespace,
    hostName,
    machineSetName: ms.metadata.name!,
    clusterName: seed.clusterName,
  });
  put(store, R.node, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: hostName,
      labels: {
        'kubernetes.io/hostname': hostName,
        'node-role.kubernetes.io/worker': 'true',
      },
    },
    spec: { providerID },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          lastTransitionTime: iso(seed.now),
        },
      ],
      nodeInfo: nodeSystemInfo({
        hostName,
        kubeletVersion: 'v1.33.0+rke2r1',
      }),
      addresses: [
        { type: 'InternalIP', address: seed.internalIP },
        { type: 'Hostname', address: hostName },
      ],
    },
  });
}
