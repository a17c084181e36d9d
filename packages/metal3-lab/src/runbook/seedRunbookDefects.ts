import { ObjectStore } from '../kube/ObjectStore';
import { R } from '../resourceKeys';
import { put } from '../seed/put';
import { TOPOLOGY_POOL } from '../seed/topologyPool';
import { KubeObject } from '../types';
import {
  controllerDeployment,
  deploymentStatus,
  STACK_CONTROLLERS,
  STACK_NAMESPACES,
} from './controllerDeployments';
import { DEAD_IMAGE_SERVER_IP, ServedImage } from './imageServer';

const NS = 'metal3';
const CAPI = 'cluster.x-k8s.io/v1beta2';
const INFRA = 'infrastructure.cluster.x-k8s.io/v1beta2';
const DEPLOYMENTS = R.deployment;

/** How the seed spells image URLs; the lab serves those files on loopback. */
const SEED_IMAGE_BASE = 'http://images.lab/';
const POOL_IMAGE_FILE = 'ubuntu-24.04-rke2-v1.33.qcow2';
/** Published without its checksum file: the apps pool's image. */
export const UNCHECKED_IMAGE_FILE = 'ubuntu-24.04-rke2-v1.35.0.qcow2';
/** On an image server that is down: worker-1 was provisioned from it. */
export const GONE_IMAGE_FILE = 'ubuntu-24.04-rke2-v1.32.qcow2';

/** What the lab's image server serves. */
export const SERVED_IMAGES: ServedImage[] = [
  { file: POOL_IMAGE_FILE, checksumFile: true },
  // The upgrade template's default (examples/templates/upgrade-pool).
  { file: 'ubuntu-24.04-rke2-v1.34.qcow2', checksumFile: true },
  { file: UNCHECKED_IMAGE_FILE, checksumFile: false },
];

/**
 * The defects of the Kube-DC guide's runbook the lab seeds, each once, so
 * that every check of docs/runbook-checks.md has something to find on a
 * fresh `yarn lab` (the lab README lists them with the page each shows on).
 */
export const RUNBOOK_DEFECTS = {
  /** Worker Node labelled as an OVN central node (phase 5.2). */
  masterLabelledWorker: 'worker-0',
  /** Worker whose trunk NIC has another name than `ext-cloud` expects (phase 5.1). */
  unmatchedTrunkWorker: 'apps-1',
  unmatchedTrunkNic: 'ens2f1np1',
  providerNetwork: 'ext-cloud',
  /** Its trunk NIC on the Dell workers: the fastest NIC without an address. */
  providerNetworkInterface: 'eno12409',
  /** The guide's MachineHealthCheck (maxUnhealthy 40 %) on the 2-replica apps pool. */
  neverRemediatingHealthCheck: 'apps-md-0-mhc',
  /** The host whose BMC reports another serial than its inventory (mainboard swapped since inspection). */
  driftedHost: 'worker-3',
  /** The host provisioned from an image whose server no longer answers. */
  goneImageHost: 'worker-1',
} as const;

export interface RunbookSeedOptions {
  /** `http://127.100.251.1:<port>/images/` of the running image server. */
  imageBaseUrl: string;
  /** Port of the image server: the dead address uses it too. */
  imagePort: number;
  /** SHA-256 of a served image (inline digests). */
  digestOf(file: string): string;
  now?: Date;
}

/** Seeds the controller Deployments, the served images and the runbook defects into `kube-dc-mgmt`. */
export function seedRunbookDefects(
  store: ObjectStore,
  options: RunbookSeedOptions,
): void {
  const now = (options.now ?? new Date()).toISOString();
  seedControllers(store, now);
  pointImagesAtServer(store, options);
  seedProviderNetwork(store);
  seedHostDefects(store);
  seedHealthCheck(store);
}

function seedControllers(store: ObjectStore, now: string): void {
  for (const name of STACK_NAMESPACES) {
    if (!store.get(R.namespace, undefined, name)) {
      put(store, R.namespace, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      });
    }
  }
  for (const controller of STACK_CONTROLLERS) {
    const created = store.create(DEPLOYMENTS, controllerDeployment(controller));
    store.update(
      DEPLOYMENTS,
      { ...created, status: deploymentStatus(created, true, now) },
      { subresource: 'status' },
    );
  }
}

/** Makes one controller's Deployment unready (its pod crash-looping) or ready again. */
export function setControllerReady(
  store: ObjectStore,
  id: string,
  ready: boolean,
  now = new Date(),
): KubeObject {
  const controller = STACK_CONTROLLERS.find(c => c.id === id);
  if (!controller) {
    throw new Error(
      `no controller "${id}"; the lab runs ${STACK_CONTROLLERS.map(
        c => c.id,
      ).join(', ')}`,
    );
  }
  const deployment = store.get(
    DEPLOYMENTS,
    controller.namespace,
    controller.name,
  );
  if (!deployment) {
    throw new Error(
      `Deployment ${controller.namespace}/${controller.name} is not in the cluster`,
    );
  }
  return store.update(
    DEPLOYMENTS,
    {
      ...deployment,
      status: deploymentStatus(deployment, ready, now.toISOString()),
    },
    { subresource: 'status' },
  );
}

/**
 * The seed names its images `http://images.lab/…` (so do the templates'
 * defaults); the lab serves them from its image server instead, and two
 * users get the image defects: the apps pool (template and members) runs an
 * image published without its checksum file, and worker-1 was provisioned
 * from an image server that is gone (inline digest, so only the image
 * itself is unreachable). Written before any client connects.
 */
function pointImagesAtServer(
  store: ObjectStore,
  options: RunbookSeedOptions,
): void {
  const appsHosts = store
    .list(R.bmh, { namespace: NS })
    .filter(h => h.metadata.labels?.pool === TOPOLOGY_POOL.hostLabels.pool)
    .map(h => h.metadata.name!);
  const apps = new Set<string>([
    TOPOLOGY_POOL.machineTemplate,
    ...appsHosts,
    // The pool's Metal3Machines, by the host each runs on.
    ...store
      .list(R.m3m, { namespace: NS })
      .filter(m =>
        appsHosts.some(
          h =>
            m.metadata.annotations?.['metal3.io/BareMetalHost'] ===
            `${NS}/${h}`,
        ),
      )
      .map(m => m.metadata.name!),
  ]);
  const served = (text: string) =>
    text.split(SEED_IMAGE_BASE).join(options.imageBaseUrl);
  const unchecked = (text: string) =>
    served(text).split(POOL_IMAGE_FILE).join(UNCHECKED_IMAGE_FILE);
  const goneUrl = `http://${DEAD_IMAGE_SERVER_IP}:${options.imagePort}/images/${GONE_IMAGE_FILE}`;
  for (const key of [R.m3mt, R.m3m, R.bmh]) {
    for (const object of store.list(key)) {
      const name = object.metadata.name!;
      const text = JSON.stringify(object);
      if (!text.includes(SEED_IMAGE_BASE)) continue;
      let next: KubeObject = JSON.parse(
        object.metadata.namespace === NS && apps.has(name)
          ? unchecked(text)
          : served(text),
      );
      if (key === R.bmh && name === RUNBOOK_DEFECTS.goneImageHost) {
        const image = {
          url: goneUrl,
          checksum: options.digestOf(POOL_IMAGE_FILE),
          checksumType: 'sha256',
          format: 'qcow2',
        };
        next = {
          ...next,
          spec: { ...next.spec, image },
          status: {
            ...next.status,
            provisioning: { ...next.status?.provisioning, image },
          },
        };
      }
      writeBoth(store, key, object, next);
    }
  }
}

/** Writes spec (and metadata) then status, as a client and the controller would. */
function writeBoth(
  store: ObjectStore,
  key: { group: string; resource: string },
  before: KubeObject,
  next: KubeObject,
): void {
  const { status, ...rest } = next;
  const written = store.update(key, {
    ...rest,
    metadata: { ...rest.metadata, resourceVersion: undefined },
    status: before.status,
  } as KubeObject);
  if (status && JSON.stringify(status) !== JSON.stringify(before.status)) {
    store.update(key, { ...written, status }, { subresource: 'status' });
  }
}

/** `ext-cloud`, as the guide's phase 5.1 writes it, with one VLAN on it. */
function seedProviderNetwork(store: ObjectStore): void {
  put(store, R.providerNetwork, {
    apiVersion: 'kubeovn.io/v1',
    kind: 'ProviderNetwork',
    metadata: { name: RUNBOOK_DEFECTS.providerNetwork },
    spec: { defaultInterface: RUNBOOK_DEFECTS.providerNetworkInterface },
  });
  put(store, R.vlan, {
    apiVersion: 'kubeovn.io/v1',
    kind: 'Vlan',
    metadata: { name: 'vlan100' },
    spec: { id: 100, provider: RUNBOOK_DEFECTS.providerNetwork },
  });
}

function seedHostDefects(store: ObjectStore): void {
  // A worker labelled as an OVN central node (copied from a master's labels).
  const node = store.get(
    R.node,
    undefined,
    RUNBOOK_DEFECTS.masterLabelledWorker,
  )!;
  store.update(R.node, {
    ...node,
    metadata: {
      ...node.metadata,
      resourceVersion: undefined,
      labels: { ...node.metadata.labels, 'kube-ovn/role': 'master' },
    },
  });
  // A worker from a later batch: its trunk port has another name.
  const trunk = store.get(R.bmh, NS, RUNBOOK_DEFECTS.unmatchedTrunkWorker)!;
  writeBoth(store, R.bmh, trunk, {
    ...trunk,
    status: {
      ...trunk.status,
      hardware: {
        ...trunk.status.hardware,
        nics: trunk.status.hardware.nics.map((nic: any) =>
          nic.name === RUNBOOK_DEFECTS.providerNetworkInterface
            ? { ...nic, name: RUNBOOK_DEFECTS.unmatchedTrunkNic }
            : nic,
        ),
      },
    },
  });
  // Inspected before its mainboard was swapped: the BMC reports another serial.
  const drifted = store.get(R.bmh, NS, RUNBOOK_DEFECTS.driftedHost)!;
  const vendor = drifted.status.hardware.systemVendor;
  writeBoth(store, R.bmh, drifted, {
    ...drifted,
    status: {
      ...drifted.status,
      hardware: {
        ...drifted.status.hardware,
        systemVendor: { ...vendor, serialNumber: `${vendor.serialNumber}R` },
      },
    },
  });
}

/** The guide's phase 6.1/6.2 objects for the apps pool: maxUnhealthy 40 % of 2 machines rounds down to 0. */
function seedHealthCheck(store: ObjectStore): void {
  put(store, R.m3rt, {
    apiVersion: INFRA,
    kind: 'Metal3RemediationTemplate',
    metadata: { name: 'apps-workers-remediation', namespace: NS },
    spec: {
      template: {
        spec: {
          strategy: { type: 'Reboot', retryLimit: 2, timeoutSeconds: 600 },
        },
      },
    },
  });
  put(store, R.mhc, {
    apiVersion: CAPI,
    kind: 'MachineHealthCheck',
    metadata: {
      name: RUNBOOK_DEFECTS.neverRemediatingHealthCheck,
      namespace: NS,
    },
    spec: {
      clusterName: TOPOLOGY_POOL.cluster,
      selector: {
        matchLabels: {
          'cluster.x-k8s.io/deployment-name': TOPOLOGY_POOL.machineDeployment,
        },
      },
      checks: {
        nodeStartupTimeoutSeconds: 1800,
        unhealthyNodeConditions: [
          { type: 'Ready', status: 'Unknown', timeoutSeconds: 300 },
          { type: 'Ready', status: 'False', timeoutSeconds: 300 },
        ],
      },
      remediation: {
        triggerIf: { unhealthyLessThanOrEqualTo: '40%' },
        templateRef: {
          apiVersion: INFRA,
          kind: 'Metal3RemediationTemplate',
          name: 'apps-workers-remediation',
        },
      },
    },
  });
}
