import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RunningApiServer, startApiServer } from './kube/apiServer';
import type { AdminRequest } from './kube/requestGate';
import { kubeconfigFor } from './kube/kubeconfig';
import { ObjectStore } from './kube/ObjectStore';
import { loadResourceDefinitions } from './kube/resourceRegistry';
import { withWorkloadKinds } from './kube/workloadKinds';
import { plannedHosts, seedEdge, seedKubeDc } from './seed/seedFleet';
import { BmcFleet, createBmcFleet } from './bmc';
import { inspectedHardware } from './bmc/inspectedHardware';
import { IpmiSimBmc, ipmiSimAvailable, startIpmiSim } from './bmc/ipmiSim';
import { admit } from './admission/admission';
import { BareMetalOperator } from './controllers/bmo/BareMetalOperator';
import {
  HardwareFaults,
  simulatedIronic,
} from './controllers/bmo/simulatedIronic';
import { CapiControllers } from './controllers/capi/CapiControllers';
import { ApiFaults, PowerState } from './types';
import { adminRoutes, TokenRotation } from './admin/adminRoutes';
import {
  loadOrCreateIdentity,
  loadOrCreateSigningKey,
  newToken,
  saveToken,
} from './state/clusterIdentity';
import { seedBootstrapPolicy } from './rbac/bootstrapPolicy';
import { writePrivateFile } from './state/privateFile';
import { listenFailure } from './portTaken';
import { RunningImageServer, startImageServer } from './runbook/imageServer';
import {
  SERVED_IMAGES,
  seedRunbookDefects,
} from './runbook/seedRunbookDefects';

/** @public */
export interface LabOptions {
  /** Folder of the kubeconfig; default `<repo>/.lab`. */
  stateDir?: string;
  /**
   * More files to write the kubeconfig to (`yarn lab --kubeconfig FILE`);
   * rewritten, like the one in the state folder, when a token is rotated.
   */
  kubeconfigCopies?: string[];
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
  /**
   * Back the seeded IPMI hosts with real `ipmi_sim` processes (Debian
   * `openipmi`) on their BMC addresses. Off by default: ipmi_sim binds fixed
   * UDP ports, so only one lab per machine can use it.
   */
  ipmiSim?: boolean;
  /**
   * Servers racked but not enrolled: emulated Redfish BMCs with no
   * BareMetalHost, at fixed addresses (127.100.250.N:8443), for enrollment
   * demos and the enrollment browser test. Off by default: fixed addresses
   * allow one such lab per machine (the portal's).
   */
  unenrolledServers?: number;
  /**
   * Seed each defect of the guide's runbook once (runbook/seedRunbookDefects.ts:
   * the Metal3 controller Deployments, the OS images served on loopback by
   * the lab's image server, one image without its checksum file, one whose
   * server is gone, `ext-cloud` missing one worker's trunk NIC, a worker
   * labelled as an OVN master, a health check that can never remediate, a
   * host whose BMC drifted from its inventory). On in `yarn lab` and the
   * embedded lab; off by default here, so tests start from a fleet without
   * them unless they ask.
   */
  runbookDefects?: boolean;
  /**
   * Test knob: interval of watch BOOKMARK events, ms. Default about a
   * minute, as kube-apiserver; the portal's lab never sets it.
   */
  bookmarkIntervalMs?: number;
  /**
   * Test knob: kube-apiserver's `--min-request-timeout`, seconds (default
   * 1800). A watch without `timeoutSeconds` closes between this and twice this.
   */
  minRequestTimeoutSeconds?: number;
}

/** A racked server the lab has a BMC for and no BareMetalHost (see LabOptions). @public */
export interface UnenrolledServer {
  /** The BMC address to enroll it with. */
  address: string;
  username: string;
  /** The MAC of the NIC it boots from (its first NIC). */
  bootMACAddress: string;
}

/** @public */
export interface RunningCluster {
  name: string;
  url: string;
  caPem: string;
  /** The bearer token the cluster accepts now. */
  readonly token: string;
  /**
   * Replaces the cluster's bearer token: the old one is refused (401) from
   * now on, open watches run until they close, and the lab's kubeconfig
   * files and the state file `.lab/<cluster>/token` hold the new one.
   */
  rotateToken(): Promise<void>;
  store: ObjectStore;
  faults: ApiFaults;
  hardwareFaults: HardwareFaults;
  server: RunningApiServer;
  /** The simulated CAPI/CAPM3 controllers (their last reconcile error, for tests). */
  capi: CapiControllers;
  /** The simulated baremetal-operator (its last failed write, for tests). */
  bmo: BareMetalOperator;
}

/** @public */
export interface RunningLab {
  clusters: RunningCluster[];
  /** The emulated Redfish BMCs of the seeded hosts (ids "cluster:namespace/name"). */
  bmcs: BmcFleet;
  unenrolled: UnenrolledServer[];
  /** The image server, with `runbookDefects`. */
  images?: RunningImageServer;
  kubeconfigPath: string;
  stop(): Promise<void>;
}

/** Default speed: a one-minute server boot takes two seconds in the demo. @public */
export const DEFAULT_SPEED = 30;

/** The repository root (the lab lives in packages/metal3-lab). */
// eslint-disable-next-line no-restricted-syntax
export const REPO_ROOT = resolve(__dirname, '../../..');

/**
 * Starts the lab: one Kubernetes-API-compatible server per simulated cluster
 * (`kube-dc-mgmt`, `edge-lab`), seeded with the Kube-DC fleet, and writes a
 * kubeconfig with a context per cluster.
 *
 * @public
 */
export async function startLab(options: LabOptions = {}): Promise<RunningLab> {
  // The CRDs, the core kinds and the workload kinds every cluster serves.
  const definitions = withWorkloadKinds(loadResourceDefinitions());
  const speed = options.speed ?? DEFAULT_SPEED;
  const bmcPassword = options.bmcPassword ?? 'lab-bmc-password';
  const hardware = new Map<string, Record<string, unknown>>();
  const seedOptions = { bmcPassword, extraHosts: options.hosts, hardware };
  const clusterNames = ['kube-dc-mgmt', 'edge-lab'] as const;
  const bmcs = await startEmulatedBmcs(
    clusterNames,
    bmcPassword,
    options.unenrolledServers ?? 0,
  );
  const ipmiSims = new Map<string, IpmiSimBmc>();
  let images: RunningImageServer | undefined;
  const servers: RunningApiServer[] = [];
  const controllers: { stop(): void }[] = [];
  /** Stops whatever has started so far: also the clean-up of a failed start. */
  const stopAll = async () => {
    controllers.forEach(c => c.stop());
    await Promise.all(servers.map(s => s.stop()));
    await bmcs.fleet.stop();
    await images?.stop();
    ipmiSims.forEach(sim => sim.stop());
  };
  try {
    return await startClusters();
  } catch (error) {
    // Nothing may stay listening or running after a failed start.
    await stopAll();
    throw error;
  }

  async function startClusters(): Promise<RunningLab> {
    if (options.runbookDefects) {
      images = await startImageServer(SERVED_IMAGES);
    }
    const powerListeners: ((id: string, power: PowerState) => void)[] = [];
    if (options.ipmiSim) {
      if (!ipmiSimAvailable()) {
        throw new Error(
          'metal3.lab.ipmiSim (yarn lab --ipmi-sim) needs the ipmi_sim command, which is missing (Debian package openipmi)',
        );
      }
      for (const cluster of clusterNames) {
        for (const host of plannedHosts(cluster).filter(
          h => h.profile.protocol === 'ipmi',
        )) {
          const id = `${cluster}:${host.namespace}/${host.name}`;
          ipmiSims.set(
            id,
            startIpmiSim({
              ip: host.ip,
              port: 6230,
              password: bmcPassword,
              power: host.poweredOn ? 'On' : 'Off',
              onPowerChange: power => powerListeners.forEach(l => l(id, power)),
            }),
          );
        }
      }
    }
    const specs = clusterNames.map(name => ({
      name,
      seed: (store: ObjectStore) =>
        (name === 'kube-dc-mgmt' ? seedKubeDc : seedEdge)(store, {
          ...seedOptions,
          bmcAddresses: bmcs.addresses.get(name),
          inspected: bmcs.inspected.get(name),
        }),
    }));
    const clusters: RunningCluster[] = [];
    const stateDir = options.stateDir ?? join(REPO_ROOT, '.lab');
    if (!existsSync(stateDir)) mkdirSync(stateDir, { recursive: true });
    const kubeconfigPath = join(stateDir, 'kubeconfig');
    const kubeconfigPaths = [
      kubeconfigPath,
      ...(options.kubeconfigCopies ?? []).map(p => resolve(p)),
    ];
    /** Every kubeconfig the lab keeps, with each cluster's current token. */
    const writeKubeconfigs = () => {
      for (const path of kubeconfigPaths)
        writePrivateFile(path, kubeconfigFor(clusters));
    };
    for (const [i, spec] of specs.entries()) {
      const store = new ObjectStore({
        hasStatusSubresource: key =>
          definitions.find(
            d => d.group === key.group && d.plural === key.resource,
          )?.status ?? false,
        admit,
      });
      spec.seed(store);
      if (images && spec.name === 'kube-dc-mgmt') {
        seedRunbookDefects(store, {
          imageBaseUrl: images.baseUrl,
          imagePort: images.port,
          digestOf: images.digestOf,
        });
      }
      seedBootstrapPolicy(store);
      const faults: ApiFaults = {};
      const hardwareFaults: HardwareFaults = {
        hangingBmcs: new Set(),
        failingInspections: new Set(),
      };
      const identityDir = join(stateDir, spec.name);
      let admin: (request: AdminRequest) => unknown = () => ({});
      const port = options.basePort ? options.basePort + i : 0;
      const server = await startApiServer({
        admin: request => admin(request),
        store,
        clusterName: spec.name,
        definitions,
        faults,
        bookmarkIntervalMs: options.bookmarkIntervalMs,
        minRequestTimeoutSeconds: options.minRequestTimeoutSeconds,
        port,
        identity: loadOrCreateIdentity(identityDir),
        serviceAccountKey: loadOrCreateSigningKey(identityDir),
      }).catch(error => {
        throw listenFailure(error, {
          address: '127.0.0.1',
          port,
          user: `the lab's API server of ${spec.name}`,
          configKey: 'metal3.lab.port',
        });
      });
      servers.push(server);
      // A host's emulated BMC: the one at its BMC address when the lab has one
      // there (a racked server enrolled under any name), else by its name.
      const bmcIdOf = (host: {
        metadata: { namespace?: string; name?: string };
        spec?: { bmc?: { address?: string } };
      }) =>
        bmcs.idByAddress.get(host.spec?.bmc?.address ?? '') ??
        `${spec.name}:${host.metadata.namespace}/${host.metadata.name}`;
      const bmo = new BareMetalOperator(store, {
        speed,
        provisioningLimit: options.provisioningLimit,
        ...simulatedIronic({
          store,
          bmcPassword,
          hardware,
          faults: hardwareFaults,
          fleet: bmcs.fleet,
          bmcIdOf,
        }),
        // Ironic sets power through the BMC: the emulated one follows.
        onPowered: (host, on) => {
          const id = bmcIdOf(host);
          ipmiSims.get(id)?.setPower(on ? 'On' : 'Off');
          if (!bmcs.fleet.has(id)) return;
          bmcs.fleet.setPower(id, on ? 'On' : 'Off');
          bmcs.fleet.addLogEntry(id, {
            severity: 'OK',
            message: on ? 'System powered on' : 'System powered off',
          });
        },
      });
      // A Reset through the BMC itself: Ironic notices the power change.
      const observe = (id: string, power: PowerState) => {
        const [cluster, path] = id.split(':');
        if (cluster !== spec.name) return;
        const [namespace, name] = path.split('/');
        bmo.observePower(namespace, name, power === 'On');
      };
      bmcs.fleet.onPowerChange(observe);
      powerListeners.push(observe);
      const capi = new CapiControllers(store, { speed });
      controllers.push(bmo, capi);
      // Files, then the server, in one synchronous step: no request is served
      // in between, so no client can read a token the server does not take yet.
      const rotate = (): TokenRotation => {
        const token = newToken();
        const stateFile = saveToken(identityDir, token);
        server.setToken(token);
        writeKubeconfigs();
        return { cluster: spec.name, kubeconfigs: kubeconfigPaths, stateFile };
      };
      const cluster: RunningCluster = {
        name: spec.name,
        url: server.url,
        caPem: server.caPem,
        get token() {
          return server.token;
        },
        rotateToken: async () => {
          rotate();
        },
        store,
        faults,
        hardwareFaults,
        server,
        capi,
        bmo,
      };
      admin = adminRoutes(cluster, bmcs.fleet, rotate);
      clusters.push(cluster);
    }

    writeKubeconfigs();

    return {
      clusters,
      kubeconfigPath,
      bmcs: bmcs.fleet,
      unenrolled: bmcs.unenrolled,
      images,
      stop: stopAll,
    };
  }
}

/**
 * One emulated Redfish BMC per seeded Redfish host, on its own loopback
 * address (127.100.x.y) and a free port, so several labs can run at once
 * (tests do). Returns the BMC address of each host for the seed.
 */
async function startEmulatedBmcs(
  clusterNames: readonly ('kube-dc-mgmt' | 'edge-lab')[],
  password: string,
  unenrolledCount: number,
): Promise<{
  fleet: BmcFleet;
  addresses: Map<string, Map<string, string>>;
  /** Per cluster, what inspecting each host finds: its BMC's inventory. */
  inspected: Map<string, Map<string, Record<string, unknown>>>;
  unenrolled: UnenrolledServer[];
  idByAddress: Map<string, string>;
}> {
  const planned = clusterNames.map(cluster => ({
    cluster,
    hosts: plannedHosts(cluster).filter(h => h.profile.redfishMockup),
  }));
  const unenrolledIps = Array.from(
    { length: unenrolledCount },
    (_, i) => `127.100.250.${i + 1}`,
  );
  const fleet = createBmcFleet({
    ips: [...planned.flatMap(p => p.hosts.map(h => h.ip)), ...unenrolledIps],
  });
  try {
    return await addBmcs();
  } catch (error) {
    await fleet.stop();
    throw error;
  }

  async function addBmcs() {
    const addresses = new Map<string, Map<string, string>>();
    const inspected = new Map<string, Map<string, Record<string, unknown>>>();
    for (const { cluster, hosts } of planned) {
      const byHost = new Map<string, string>();
      const hardwareByHost = new Map<string, Record<string, unknown>>();
      for (const host of hosts) {
        const systemId = host.profile.systemPath.split('/').pop();
        const bmc = await fleet.addHost({
          hostId: `${cluster}:${host.namespace}/${host.name}`,
          mockup: host.profile.redfishMockup!,
          ip: host.ip,
          port: 0,
          username: 'admin',
          password,
          power: host.poweredOn ? 'On' : 'Off',
          identity: {
            systemId,
            macs: host.hardware.nics.map((n: { mac: string }) => n.mac),
            serialNumber: host.hardware.systemVendor.serialNumber,
            uuid: uuidFrom(`${cluster}/${host.name}`),
            manufacturer: host.hardware.systemVendor.manufacturer,
            model: host.hardware.systemVendor.productName,
          },
        });
        byHost.set(`${host.namespace}/${host.name}`, bmc.address);
        hardwareByHost.set(
          `${host.namespace}/${host.name}`,
          inspectedHardware(fleet.inventory(bmc.hostId), host.hardware),
        );
      }
      addresses.set(cluster, byHost);
      inspected.set(cluster, hardwareByHost);
    }
    const unenrolled: UnenrolledServer[] = [];
    const idByAddress = new Map<string, string>();
    for (const [i, ip] of unenrolledIps.entries()) {
      const bootMACAddress = `52:54:00:fa:00:${(i + 1)
        .toString(16)
        .padStart(2, '0')}`;
      const bmc = await fleet
        .addHost({
          hostId: `unenrolled:${i + 1}`,
          mockup: 'dmtf-public-rackmount1',
          ip,
          port: 8443,
          username: 'admin',
          password,
          power: 'Off',
          identity: {
            systemId: `rack-spare-${i + 1}`,
            macs: [
              bootMACAddress,
              `52:54:00:fb:00:${(i + 1).toString(16).padStart(2, '0')}`,
            ],
            serialNumber: `SPARE${i + 1}`,
            uuid: uuidFrom(`unenrolled/${i + 1}`),
            manufacturer: 'Contoso',
            model: '3500',
          },
        })
        .catch(error => {
          throw listenFailure(error, {
            address: ip,
            port: 8443,
            user: `the BMC of the racked server rack-spare-${i + 1}`,
            configKey: 'metal3.lab.unenrolledServers',
          });
        });
      unenrolled.push({
        address: bmc.address,
        username: 'admin',
        bootMACAddress,
      });
      idByAddress.set(bmc.address, `unenrolled:${i + 1}`);
    }
    return { fleet, addresses, inspected, unenrolled, idByAddress };
  }
}

function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
