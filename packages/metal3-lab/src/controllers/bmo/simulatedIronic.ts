import { ObjectStore } from '../../kube/ObjectStore';
import { PROFILES } from '../../seed/hardwareProfiles';
import { KubeObject } from '../../types';
import { CredentialCheck } from './hostTransitions';
import type { BmcFleet } from '../../bmc';
import { inspectedHardware } from '../../bmc/inspectedHardware';

const SECRETS = { group: '', resource: 'secrets' };

/** What Ironic reports for a BMC that refuses the credentials, or never answers. */
export const UNAUTHORIZED =
  'Failed to get power state for node: HTTP 401 Unauthorized from the BMC (wrong credentials?)';
const timedOut = (host: KubeObject) =>
  `Failed to connect to the BMC ${host.spec.bmc.address}: timed out`;

/** Faults of the simulated hardware, set through the lab's admin endpoint. */
export interface HardwareFaults {
  /** "namespace/name" of hosts whose BMC never answers. */
  hangingBmcs: Set<string>;
  /** "namespace/name" of hosts whose inspection fails. */
  failingInspections: Set<string>;
}

/**
 * Ironic's view of the hardware for the simulated baremetal-operator: the
 * BMC accepts the lab's password (the one every seeded BMC has) and nothing
 * else; inspection finds what the host's emulated BMC describes (its Redfish
 * inventory, bmc/inspectedHardware.ts), or for hosts without one the
 * hardware the seed gave them, or for hosts enrolled later a profile chosen
 * from the name with the boot MAC on the first NIC.
 */
export function simulatedIronic(options: {
  store: ObjectStore;
  bmcPassword: string;
  hardware: Map<string, Record<string, unknown>>;
  faults: HardwareFaults;
  /** Emulated BMCs: hosts backed by one are checked against it. */
  fleet?: BmcFleet;
  bmcIdOf?: (host: KubeObject) => string;
}) {
  const { store, faults } = options;
  const idOf = (host: KubeObject) =>
    `${host.metadata.namespace}/${host.metadata.name}`;
  return {
    credentialsVersion(host: KubeObject): string | undefined {
      const name = host.spec?.bmc?.credentialsName;
      return name
        ? store.get(SECRETS, host.metadata.namespace, name)?.metadata
            .resourceVersion
        : undefined;
    },
    checkCredentials(host: KubeObject): CredentialCheck {
      const name = host.spec?.bmc?.credentialsName;
      const secret = store.get(SECRETS, host.metadata.namespace, name);
      if (!secret) {
        return {
          ok: false,
          message: `failed to read the BMC credentials: Secret "${name}" not found in namespace "${host.metadata.namespace}"`,
        };
      }
      const data = (secret.data ?? {}) as Record<string, string>;
      const stringData = (secret.stringData ?? {}) as Record<string, string>;
      const decode = (k: string) =>
        data[k] ? Buffer.from(data[k], 'base64').toString() : stringData[k];
      for (const field of ['username', 'password']) {
        if (!decode(field)) {
          return {
            ok: false,
            message: `Missing BMC connection detail '${field}' in credentials`,
          };
        }
      }
      if (faults.hangingBmcs.has(idOf(host))) {
        return {
          ok: false,
          message: timedOut(host),
        };
      }
      const bmcId = options.bmcIdOf?.(host);
      if (bmcId && options.fleet?.has(bmcId)) {
        const verdict = options.fleet.checkLogin(
          bmcId,
          decode('username')!,
          decode('password')!,
        );
        if (verdict === 'hang') {
          return {
            ok: false,
            message: timedOut(host),
          };
        }
        if (verdict === 'unauthorized') {
          return {
            ok: false,
            message: UNAUTHORIZED,
          };
        }
        return { ok: true };
      }
      if (decode('password') !== options.bmcPassword) {
        return {
          ok: false,
          message: UNAUTHORIZED,
        };
      }
      return { ok: true };
    },
    inspect(host: KubeObject) {
      if (faults.failingInspections.has(idOf(host))) {
        return {
          error:
            'Inspection failed: timeout reached while inspecting the node (the ramdisk never called back)',
        };
      }
      const osView = options.hardware.get(idOf(host)) ?? hardwareFromName(host);
      // A host with an emulated BMC is the machine that BMC describes.
      const bmcId = options.bmcIdOf?.(host);
      if (bmcId && options.fleet?.has(bmcId)) {
        return {
          hardware: inspectedHardware(options.fleet.inventory(bmcId), osView),
        };
      }
      return { hardware: osView };
    },
  };
}

function hardwareFromName(host: KubeObject): Record<string, unknown> {
  const name = host.metadata.name!;
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const profiles = Object.values(PROFILES);
  const profile = profiles[hash % profiles.length];
  const hardware = profile.build(2000 + (hash % 50_000), name) as any;
  if (host.spec?.bootMACAddress && hardware.nics?.[0]) {
    hardware.nics[0].mac = String(host.spec.bootMACAddress).toLowerCase();
  }
  return hardware;
}
