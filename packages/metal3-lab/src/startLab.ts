import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import {
  kubeconfigFor,
  RunningApiServer,
  startApiServer,
} from './kube/apiServer';
import { generateCertificates, LabCertificates } from './kube/certificates';
import { ObjectStore } from './kube/ObjectStore';
import { loadResourceDefinitions } from './kube/resourceRegistry';
import { seedEdge, seedKubeDc } from './seed/seedFleet';
import { admit } from './admission/admission';
import { BareMetalOperator } from './controllers/bmo/BareMetalOperator';
import {
  HardwareFaults,
  simulatedIronic,
} from './controllers/bmo/simulatedIronic';
import { CapiControllers } from './controllers/capi/CapiControllers';
import { ApiFaults } from './types';

export interface LabOptions {
  /** Folder of the kubeconfig; default `<repo>/.lab`. */
  stateDir?: string;
  /** Port of the first cluster's API server; the next clusters take the next ports. 0 = any free port. */
  basePort?: number;
  /** Time compression of the simulated controllers (1 = real time). */
  speed?: number;
  /** Extra hosts in the management cluster, for benchmarks. */
  hosts?: number;
  /** Password of every seeded BMC Secret. */
  bmcPassword?: string;
  /** baremetal-operator's PROVISIONING_LIMIT (default 20). */
  provisioningLimit?: number;
}

export interface RunningCluster {
  name: string;
  url: string;
  caPem: string;
  token: string;
  store: ObjectStore;
  faults: ApiFaults;
  hardwareFaults: HardwareFaults;
  server: RunningApiServer;
  /** The simulated CAPI/CAPM3 controllers (their last reconcile error, for tests). */
  capi: CapiControllers;
  /** The simulated baremetal-operator (its last failed write, for tests). */
  bmo: BareMetalOperator;
}

export interface RunningLab {
  clusters: RunningCluster[];
  kubeconfigPath: string;
  stop(): Promise<void>;
}

/** Default speed: a one-minute server boot takes two seconds in the demo. */
export const DEFAULT_SPEED = 30;

/** The repository root (the lab lives in packages/metal3-lab). */
// eslint-disable-next-line no-restricted-syntax
export const REPO_ROOT = resolve(__dirname, '../../..');

/**
 * Starts the lab: one Kubernetes-API-compatible server per simulated cluster
 * (`kube-dc-mgmt`, `edge-lab`), seeded with the Kube-DC fleet, and writes a
 * kubeconfig with a context per cluster.
 */
export async function startLab(options: LabOptions = {}): Promise<RunningLab> {
  const definitions = loadResourceDefinitions();
  const speed = options.speed ?? DEFAULT_SPEED;
  const bmcPassword = options.bmcPassword ?? 'lab-bmc-password';
  const hardware = new Map<string, Record<string, unknown>>();
  const seedOptions = { bmcPassword, extraHosts: options.hosts, hardware };
  const specs = [
    {
      name: 'kube-dc-mgmt',
      seed: (store: ObjectStore) => seedKubeDc(store, seedOptions),
    },
    {
      name: 'edge-lab',
      seed: (store: ObjectStore) => seedEdge(store, seedOptions),
    },
  ];
  const clusters: RunningCluster[] = [];
  const controllers: { stop(): void }[] = [];
  const stateDir = options.stateDir ?? join(REPO_ROOT, '.lab');
  if (!existsSync(stateDir)) mkdirSync(stateDir, { recursive: true });
  for (const [i, spec] of specs.entries()) {
    const store = new ObjectStore({
      hasStatusSubresource: key =>
        definitions.find(
          d => d.group === key.group && d.plural === key.resource,
        )?.status ?? false,
      admit,
    });
    spec.seed(store);
    const faults: ApiFaults = {};
    const server = await startApiServer({
      store,
      clusterName: spec.name,
      definitions,
      faults,
      port: options.basePort ? options.basePort + i : 0,
      identity: loadOrCreateIdentity(join(stateDir, spec.name)),
    });
    const hardwareFaults: HardwareFaults = {
      hangingBmcs: new Set(),
      failingInspections: new Set(),
    };
    const bmo = new BareMetalOperator(store, {
      speed,
      provisioningLimit: options.provisioningLimit,
      ...simulatedIronic({
        store,
        bmcPassword,
        hardware,
        faults: hardwareFaults,
      }),
    });
    const capi = new CapiControllers(store, { speed });
    controllers.push(bmo, capi);
    clusters.push({
      name: spec.name,
      url: server.url,
      caPem: server.caPem,
      token: server.token,
      store,
      faults,
      hardwareFaults,
      server,
      capi,
      bmo,
    });
  }

  const kubeconfigPath = join(stateDir, 'kubeconfig');
  writeFileSync(kubeconfigPath, kubeconfigFor(clusters));
  chmodSync(kubeconfigPath, 0o600);

  return {
    clusters,
    kubeconfigPath,
    stop: async () => {
      controllers.forEach(c => c.stop());
      await Promise.all(clusters.map(c => c.server.stop()));
    },
  };
}

/**
 * The CA, certificate and token of one cluster, kept in the state folder so a
 * restarted lab answers the kubeconfig clients already hold (as a real
 * cluster keeps its CA). Files are private to the user.
 */
function loadOrCreateIdentity(dir: string): {
  certificates: LabCertificates;
  token: string;
} {
  const files = {
    caPem: 'ca.crt',
    certPem: 'tls.crt',
    keyPem: 'tls.key',
    token: 'token',
  };
  const paths = Object.fromEntries(
    Object.entries(files).map(([k, f]) => [k, join(dir, f)]),
  );
  if (Object.values(paths).every(p => existsSync(p))) {
    const read = (k: string) => readFileSync(paths[k], 'utf8');
    return {
      certificates: {
        caPem: read('caPem'),
        certPem: read('certPem'),
        keyPem: read('keyPem'),
      },
      token: read('token').trim(),
    };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const certificates = generateCertificates();
  const token = randomBytes(24).toString('hex');
  for (const [key, value] of Object.entries({ ...certificates, token })) {
    writeFileSync(paths[key], String(value), { mode: 0o600 });
  }
  return { certificates, token };
}
