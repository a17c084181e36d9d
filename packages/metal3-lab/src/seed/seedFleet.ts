import { KubeObject } from '../types';
import { R } from '../resourceKeys';
import { UNAUTHORIZED } from '../controllers/bmo/simulatedIronic';
import { ObjectStore } from '../kube/ObjectStore';
import { PROFILES } from './hardwareProfiles';
import { put } from './put';
import { seedPoolMember } from './poolMember';
import { APPS_HOSTS, seedTopologyPool } from './topologyPool';
import { SHARED_CREDENTIALS_HOSTS } from './sharedCredentials';

/** One host of the seed: its profile and the state it starts in. */
export interface HostSeed {
  name: string;
  profile: keyof typeof PROFILES;
  state:
    | 'available'
    | 'provisioned'
    | 'inspecting'
    | 'registering'
    | 'externally provisioned';
  labels?: Record<string, string>;
  /** Index of the pool machine this host runs, when provisioned by the pool. */
  machine?: number;
  /**
   * The Metal3Machine that consumes the host, when not the `kube-dc-workers`
   * pool's `kube-dc-workers-m3m-<machine>`.
   */
  consumer?: string;
  /** The BMC credentials Secret, when not its own `<name>-bmc-secret`. */
  credentialsName?: string;
  error?: 'registration error';
  paused?: boolean;
}

export interface SeedOptions {
  /** Password of every seeded BMC Secret (the lab's BMCs accept it). */
  bmcPassword: string;
  /** Extra hosts for benchmarks, in namespace `bench`. */
  extraHosts?: number;
  now?: Date;
  /** BMC addresses of hosts backed by an emulated BMC ("namespace/name" → address). */
  bmcAddresses?: Map<string, string>;
  /** Filled with the hardware each seeded host has ("namespace/name" → status.hardware), for the simulated inspection. */
  hardware?: Map<string, Record<string, unknown>>;
  /**
   * What inspecting a host found ("namespace/name" → status.hardware), for
   * hosts whose emulated BMC describes them; the others get their profile's.
   */
  inspected?: Map<string, Record<string, unknown>>;
}

const NS = 'metal3';

const CAPI = 'cluster.x-k8s.io/v1beta2';
const INFRA = 'infrastructure.cluster.x-k8s.io/v1beta2';

/** The Kube-DC management cluster: a 2-replica worker pool and hosts in every state. */
export const KUBE_DC_HOSTS: HostSeed[] = [
  {
    name: 'worker-0',
    profile: 'dell-r650',
    state: 'provisioned',
    labels: { pool: 'workers' },
    machine: 0,
  },
  {
    name: 'worker-1',
    profile: 'dell-r650',
    state: 'provisioned',
    labels: { pool: 'workers' },
    machine: 1,
  },
  {
    name: 'worker-2',
    profile: 'dell-r650',
    state: 'available',
    labels: { pool: 'workers' },
  },
  {
    name: 'worker-3',
    profile: 'dell-r650',
    state: 'available',
    labels: { pool: 'workers' },
  },
  {
    name: 'worker-4',
    profile: 'hpe-dl325',
    state: 'available',
    labels: { pool: 'workers' },
  },
  {
    name: 'worker-5',
    profile: 'hpe-dl325',
    state: 'available',
    labels: { pool: 'workers' },
  },
  {
    name: 'worker-6',
    profile: 'hpe-dl325',
    state: 'available',
    labels: { pool: 'workers' },
    paused: true,
  },
  {
    name: 'gpu-0',
    profile: 'hpe-dl325',
    state: 'available',
    labels: { pool: 'gpu' },
  },
  {
    name: 'worker-7',
    profile: 'supermicro-1029',
    state: 'inspecting',
    labels: { pool: 'workers' },
  },
  {
    name: 'worker-8',
    profile: 'supermicro-1029',
    state: 'registering',
    error: 'registration error',
  },
  {
    name: 'storage-0',
    profile: 'supermicro-1029',
    state: 'externally provisioned',
    labels: { role: 'storage' },
  },
  {
    name: 'storage-1',
    profile: 'supermicro-1029',
    state: 'externally provisioned',
    labels: { role: 'storage' },
  },
  // Added after the hosts above, never between: tests name those by index.
  ...SHARED_CREDENTIALS_HOSTS,
  ...APPS_HOSTS,
];

/** A small second cluster, so that multi-cluster views are real. */
export const EDGE_HOSTS: HostSeed[] = [
  {
    name: 'edge-0',
    profile: 'hpe-dl325',
    state: 'available',
    labels: { pool: 'edge' },
  },
  {
    name: 'edge-1',
    profile: 'hpe-dl325',
    state: 'available',
    labels: { pool: 'edge' },
  },
  { name: 'edge-2', profile: 'dell-r650', state: 'inspecting' },
];

const iso = (date: Date) => date.toISOString().replace(/\.\d+Z$/, 'Z');

/** The host's BMC Secret: its own `<name>-bmc-secret` unless it shares one. */
const credentialsNameOf = (seed: HostSeed) =>
  seed.credentialsName ?? `${seed.name}-bmc-secret`;

/** Host index → loopback address of its (emulated) BMC. */
const bmcIp = (index: number) =>
  `127.100.${(index >> 8) & 0xff}.${(index & 0xff) + 1}`;

/**
 * The seeded hosts of a cluster with their index, profile and hardware:
 * what the lab needs to start their emulated BMCs before seeding.
 */
export function plannedHosts(cluster: 'kube-dc-mgmt' | 'edge-lab') {
  const [hosts, offset] =
    cluster === 'kube-dc-mgmt' ? [KUBE_DC_HOSTS, 0] : [EDGE_HOSTS, 500];
  return hosts.map((host, i) => ({
    namespace: NS,
    name: host.name,
    ip: bmcIp(offset + i),
    profile: PROFILES[host.profile],
    hardware: PROFILES[host.profile].build(offset + i, host.name) as any,
    poweredOn: host.state !== 'registering',
  }));
}

function bareMetalHost(
  seed: HostSeed,
  index: number,
  namespace: string,
  now: Date,
  hardware: any,
  /** The resourceVersion of its BMC Secret, as BMO records it once registered. */
  credentialsVersion: string,
  emulatedAddress?: string,
): KubeObject {
  const profile = PROFILES[seed.profile];
  // Hosts without an emulated BMC (benchmark fleets) point at an address
  // nothing listens on, as an unreachable BMC would.
  const address =
    emulatedAddress ??
    (profile.protocol === 'ipmi'
      ? `ipmi://${bmcIp(index)}:6230`
      : `redfish+https://${bmcIp(index)}:8443${profile.systemPath}`);
  const minutes = (m: number) => iso(new Date(now.getTime() - m * 60_000));
  const settled = seed.state !== 'registering' && seed.state !== 'inspecting';
  const provisioned = seed.state === 'provisioned';
  return {
    apiVersion: 'metal3.io/v1alpha1',
    kind: 'BareMetalHost',
    metadata: {
      name: seed.name,
      namespace,
      labels: seed.labels ?? {},
      annotations: seed.paused
        ? { 'baremetalhost.metal3.io/paused': 'lab-demo' }
        : {},
      finalizers: ['baremetalhost.metal3.io'],
    },
    spec: {
      online: seed.state !== 'registering',
      bootMode: 'UEFI',
      bootMACAddress: hardware.nics[0].mac,
      bmc: {
        address,
        credentialsName: credentialsNameOf(seed),
        disableCertificateVerification: true,
      },
      automatedCleaningMode: 'metadata',
      ...(seed.state === 'externally provisioned' && {
        externallyProvisioned: true,
      }),
      ...(provisioned && {
        image: {
          url: 'http://images.lab/ubuntu-24.04-rke2-v1.33.qcow2',
          checksum: 'http://images.lab/ubuntu-24.04-rke2-v1.33.qcow2.sha256sum',
          checksumType: 'sha256',
          format: 'qcow2',
        },
        consumerRef: {
          apiVersion: INFRA,
          kind: 'Metal3Machine',
          name: seed.consumer ?? `kube-dc-workers-m3m-${seed.machine}`,
          namespace,
        },
      }),
    },
    status: {
      provisioning: {
        state: seed.state,
        ID: settled ? `ironic-${index}` : '',
        bootMode: 'UEFI',
        ...(provisioned && {
          image: { url: 'http://images.lab/ubuntu-24.04-rke2-v1.33.qcow2' },
        }),
      },
      operationalStatus: seed.error ? 'error' : 'OK',
      // Required by the CRD: "" when there is no error.
      errorMessage: '',
      ...(seed.error && {
        errorType: seed.error,
        errorMessage: UNAUTHORIZED,
        errorCount: 3,
      }),
      poweredOn: seed.state !== 'registering',
      lastUpdated: minutes(1),
      hardwareProfile: 'unknown',
      ...(settled && { hardware }),
      operationHistory: {
        register: {
          start: minutes(300),
          end: seed.state === 'registering' ? null : minutes(299),
        },
        inspect: inspectTimes(seed.state, settled, minutes),
        provision: provisioned
          ? { start: minutes(200), end: minutes(185) }
          : { start: null, end: null },
        deprovision: { start: null, end: null },
      },
      goodCredentials: seed.error
        ? {}
        : {
            credentials: { name: credentialsNameOf(seed), namespace },
            credentialsVersion,
          },
      errorCount: seed.error ? 3 : 0,
      provisioningFailCount: 0,
    },
  };
}

function bmcSecret(
  name: string,
  namespace: string,
  password: string,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: {
      name,
      namespace,
      labels: { 'environment.metal3.io': 'baremetal' },
    },
    data: {
      username: Buffer.from('admin').toString('base64'),
      password: Buffer.from(password).toString('base64'),
    },
  };
}

/** The pool `kube-dc-workers` with its templates, machines and nodes. */
function seedPool(store: ObjectStore, hosts: HostSeed[], now: Date) {
  const cluster = 'kube-dc';
  put(store, R.cluster, {
    apiVersion: CAPI,
    kind: 'Cluster',
    metadata: { name: cluster, namespace: NS },
    spec: {
      infrastructureRef: {
        apiGroup: 'infrastructure.cluster.x-k8s.io',
        kind: 'Metal3Cluster',
        name: cluster,
      },
    },
    status: { phase: 'Provisioned' },
  });
  put(store, R.m3c, {
    apiVersion: INFRA,
    kind: 'Metal3Cluster',
    metadata: { name: cluster, namespace: NS },
    spec: { controlPlaneEndpoint: { host: '10.10.0.10', port: 6443 } },
  });
  put(store, R.ipPool, {
    apiVersion: 'ipam.metal3.io/v1alpha1',
    kind: 'IPPool',
    metadata: { name: 'kube-dc-workers-pool', namespace: NS },
    spec: {
      clusterName: cluster,
      namePrefix: 'kube-dc-workers',
      pools: [{ start: '10.10.1.10', end: '10.10.1.200' }],
      prefix: 24,
      gateway: '10.10.1.1',
    },
  });
  put(store, R.m3dt, {
    apiVersion: INFRA,
    kind: 'Metal3DataTemplate',
    metadata: { name: 'kube-dc-workers-data', namespace: NS },
    spec: {
      clusterName: cluster,
      // The node's provisioning address comes from the pool through IPAM.
      networkData: {
        networks: {
          ipv4: [
            {
              id: 'provisioning',
              link: 'eno12399',
              fromPoolRef: {
                apiGroup: 'ipam.metal3.io',
                kind: 'IPPool',
                name: 'kube-dc-workers-pool',
              },
            },
          ],
        },
      },
    },
  });
  put(store, R.m3mt, {
    apiVersion: INFRA,
    kind: 'Metal3MachineTemplate',
    metadata: { name: 'kube-dc-workers-v1', namespace: NS },
    spec: {
      template: {
        spec: {
          hostSelector: { matchLabels: { pool: 'workers' } },
          image: {
            url: 'http://images.lab/ubuntu-24.04-rke2-v1.33.qcow2',
            checksum:
              'http://images.lab/ubuntu-24.04-rke2-v1.33.qcow2.sha256sum',
            checksumType: 'sha256',
            format: 'qcow2',
          },
          dataTemplate: { name: 'kube-dc-workers-data' },
          automatedCleaningMode: 'metadata',
        },
      },
    },
  });
  put(store, R.secret, {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: { name: 'kube-dc-workers-userdata', namespace: NS },
    data: {
      value: Buffer.from('#cloud-config\n# RKE2 agent join (lab)\n').toString(
        'base64',
      ),
    },
  });
  put(store, R.m3rt, {
    apiVersion: INFRA,
    kind: 'Metal3RemediationTemplate',
    metadata: { name: 'kube-dc-workers-reboot', namespace: NS },
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
    metadata: { name: 'kube-dc-workers-mhc', namespace: NS },
    spec: {
      clusterName: cluster,
      selector: {
        matchLabels: { 'cluster.x-k8s.io/deployment-name': 'kube-dc-workers' },
      },
      checks: {
        nodeStartupTimeoutSeconds: 3600,
        unhealthyNodeConditions: [
          { type: 'Ready', status: 'False', timeoutSeconds: 300 },
          // A powered-off server's kubelet goes silent: Ready turns Unknown.
          { type: 'Ready', status: 'Unknown', timeoutSeconds: 300 },
        ],
      },
      remediation: {
        // One at a time: with 2 replicas a percentage like 40% rounds down to 0.
        triggerIf: { unhealthyLessThanOrEqualTo: 1 },
        templateRef: {
          apiVersion: INFRA,
          kind: 'Metal3RemediationTemplate',
          name: 'kube-dc-workers-reboot',
        },
      },
    },
  });
  const md = put(store, R.md, {
    apiVersion: CAPI,
    kind: 'MachineDeployment',
    metadata: {
      name: 'kube-dc-workers',
      namespace: NS,
      labels: { 'cluster.x-k8s.io/cluster-name': cluster },
    },
    spec: {
      clusterName: cluster,
      replicas: 2,
      selector: {
        matchLabels: { 'cluster.x-k8s.io/deployment-name': 'kube-dc-workers' },
      },
      rollout: {
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: 0, maxUnavailable: 1 },
        },
      },
      template: {
        metadata: {
          labels: { 'cluster.x-k8s.io/deployment-name': 'kube-dc-workers' },
        },
        spec: {
          clusterName: cluster,
          version: 'v1.33.0',
          bootstrap: { dataSecretName: 'kube-dc-workers-userdata' },
          infrastructureRef: {
            apiGroup: 'infrastructure.cluster.x-k8s.io',
            kind: 'Metal3MachineTemplate',
            name: 'kube-dc-workers-v1',
          },
        },
      },
    },
    status: {
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      upToDateReplicas: 2,
      phase: 'Running',
      selector: 'cluster.x-k8s.io/deployment-name=kube-dc-workers',
    },
  });
  const ms = put(store, R.ms, {
    apiVersion: CAPI,
    kind: 'MachineSet',
    metadata: {
      name: 'kube-dc-workers-7d9f5',
      namespace: NS,
      labels: { 'cluster.x-k8s.io/deployment-name': 'kube-dc-workers' },
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
      clusterName: cluster,
      replicas: 2,
      selector: {
        matchLabels: { 'cluster.x-k8s.io/deployment-name': 'kube-dc-workers' },
      },
      template: md.spec.template,
    },
    status: { replicas: 2, readyReplicas: 2, availableReplicas: 2 },
  });
  for (const host of hosts.filter(
    h => h.machine !== undefined && !h.consumer,
  )) {
    const i = host.machine!;
    seedPoolMember(store, {
      namespace: NS,
      clusterName: cluster,
      deploymentName: 'kube-dc-workers',
      machineSet: ms,
      machineName: `kube-dc-workers-7d9f5-${
        ['abcde', 'fghij', 'klmno', 'pqrst'][i] ?? i
      }`,
      metal3MachineName: `kube-dc-workers-m3m-${i}`,
      hostName: host.name,
      dataSecretName: 'kube-dc-workers-userdata',
      hostSelector: { pool: 'workers' },
      internalIP: `10.10.1.${10 + i}`,
      now,
    });
  }
  put(store, R.providerNetwork, {
    apiVersion: 'kubeovn.io/v1',
    kind: 'ProviderNetwork',
    metadata: { name: 'trunk' },
    spec: {
      defaultInterface: 'eno12399',
      customInterfaces: [{ interface: 'ens1f0', nodes: [] }],
    },
  });
}

function seedHosts(
  store: ObjectStore,
  hosts: HostSeed[],
  namespace: string,
  options: SeedOptions,
  offset: number,
) {
  hosts.forEach((host, i) => {
    // A registration error is real: that host's Secret holds a wrong password.
    const password =
      host.error === 'registration error'
        ? `not-${options.bmcPassword}`
        : options.bmcPassword;
    // Hosts sharing a Secret (one credential per rack) get it once.
    const secretName = credentialsNameOf(host);
    const secret =
      store.get(R.secret, namespace, secretName) ??
      put(store, R.secret, bmcSecret(secretName, namespace, password));
    const key = `${namespace}/${host.name}`;
    const hardware =
      options.inspected?.get(key) ??
      PROFILES[host.profile].build(offset + i, host.name);
    options.hardware?.set(key, hardware);
    put(
      store,
      R.bmh,
      bareMetalHost(
        host,
        offset + i,
        namespace,
        options.now ?? new Date(),
        hardware,
        secret.metadata.resourceVersion!,
        options.bmcAddresses?.get(key),
      ),
    );
  });
}

/** The namespaces every cluster has, plus the Metal3 one. */
function seedNamespaces(store: ObjectStore): void {
  for (const name of ['default', 'kube-system', NS]) {
    put(store, R.namespace, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    });
  }
}

/** Seeds the management cluster `kube-dc-mgmt`. */
export function seedKubeDc(store: ObjectStore, options: SeedOptions): void {
  const now = options.now ?? new Date();
  seedNamespaces(store);
  seedHosts(store, KUBE_DC_HOSTS, NS, options, 0);
  seedPool(store, KUBE_DC_HOSTS, now);
  seedTopologyPool(store, now);
  const extra = options.extraHosts ?? 0;
  if (extra > 0) {
    put(store, R.namespace, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'bench' },
    });
    const states: HostSeed['state'][] = [
      'available',
      'available',
      'provisioned',
      'inspecting',
      'externally provisioned',
    ];
    const profiles = Object.keys(PROFILES) as (keyof typeof PROFILES)[];
    const bench: HostSeed[] = Array.from({ length: extra }, (_, i) => ({
      name: `bench-${String(i).padStart(5, '0')}`,
      profile: profiles[i % profiles.length],
      state:
        states[i % states.length] === 'provisioned'
          ? 'externally provisioned'
          : states[i % states.length],
      labels: { pool: i % 2 ? 'workers' : 'batch', rack: `r${i % 50}` },
    }));
    seedHosts(store, bench, 'bench', options, 1000);
  }
}

/** Seeds the small second cluster `edge-lab`. */
export function seedEdge(store: ObjectStore, options: SeedOptions): void {
  seedNamespaces(store);
  seedHosts(store, EDGE_HOSTS, NS, options, 500);
}

function inspectTimes(
  state: string,
  settled: boolean,
  minutes: (m: number) => string,
) {
  if (state === 'inspecting') return { start: minutes(4), end: null };
  return settled
    ? { start: minutes(298), end: minutes(290) }
    : { start: null, end: null };
}
