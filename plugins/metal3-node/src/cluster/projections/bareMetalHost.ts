import {
  HostDiskDto,
  HostHardwareDetailsDto,
  HostNicDto,
  redactBmcCredentials,
} from '@metal3-fleet/plugin-metal3-common';
import {
  identityOf,
  ObjectIdentity,
  pickAnnotations,
  refOf,
  ObjectRef,
} from './common';
import { intern } from './intern';

/** Annotations that change what the portal shows or allows. */
const HOST_ANNOTATIONS = [
  'reboot.metal3.io',
  'inspect.metal3.io',
  'baremetalhost.metal3.io/paused',
  'baremetalhost.metal3.io/detached',
  'capm3.metal3.io/unhealthy',
  'capi.metal3.io/unhealthy',
  'metal3.backstage.io',
] as const;

/** @public */
export type HostNic = HostNicDto;
/** @public */
export type HostDisk = HostDiskDto;

/**
 * The hardware facts the cache keeps per host: what the fleet table, the
 * catalog and pool matching use. NIC and disk lists are not cached (at
 * 10,000 hosts they would be a third of the cache): the host page reads
 * them live with {@link projectHardwareDetails}.
 *
 * @public
 */
export type HostHardware = Omit<
  HostHardwareDetailsDto,
  'hostname' | 'nics' | 'disks'
> & {
  nicCount: number;
  diskCount: number;
  diskTotalBytes: number;
};

/**
 * One NIC as the checks need it (trunk NIC coverage, BMC MAC drift): name,
 * MAC, speed and whether any inspection entry of it has an address. The
 * full list (IPs, models, PXE flags) is read live by the host page.
 *
 * @public
 */
export interface HostNicFacts {
  name?: string;
  mac?: string;
  speedGbps?: number;
  addressed: boolean;
}

/** @public */
export interface OperationTimes {
  start?: string;
  end?: string;
}

/**
 * The slim BareMetalHost. The BMC Secret is only referenced by name, and the
 * BMC address and error message come without userinfo: BMO's webhook admits
 * `redfish://user:password@host`, and this is where the portal takes the
 * address in, so nothing downstream (rows, entities, pages, logs) holds it.
 *
 * @public
 */
export interface BareMetalHostProjection extends ObjectIdentity {
  annotations: Record<string, string>;
  online?: boolean;
  bootMACAddress?: string;
  bootMode?: string;
  bmcAddress?: string;
  credentialsName?: string;
  disableCertificateVerification?: boolean;
  automatedCleaningMode?: string;
  externallyProvisioned?: boolean;
  imageUrl?: string;
  /** `spec.image.checksum`: a digest or a checksum file URL. */
  imageChecksum?: string;
  imageChecksumType?: string;
  /** `spec.image.format` (raw, qcow2, vdi, vmdk, live-iso). */
  imageFormat?: string;
  /** `spec.rootDeviceHints` (a handful of short fields, kept as they are). */
  rootDeviceHints?: Record<string, unknown>;
  consumerRef?: ObjectRef;
  provisioningState?: string;
  operationalStatus?: string;
  errorType?: string;
  errorMessage?: string;
  errorCount?: number;
  poweredOn?: boolean;
  operationHistory: {
    register?: OperationTimes;
    inspect?: OperationTimes;
    provision?: OperationTimes;
    deprovision?: OperationTimes;
  };
  hardware?: HostHardware;
  /** The inspected NICs, one entry per MAC; absent until inspected. */
  nics?: HostNicFacts[];
}

/** @public */
export function projectBareMetalHost(raw: any): BareMetalHostProjection {
  const spec = raw?.spec ?? {};
  const status = raw?.status ?? {};
  return {
    ...identityOf(raw),
    annotations: pickAnnotations(raw, HOST_ANNOTATIONS),
    online: spec.online,
    bootMACAddress: spec.bootMACAddress?.toLowerCase(),
    bootMode: intern(spec.bootMode),
    bmcAddress: redactBmcCredentials(spec.bmc?.address),
    credentialsName: spec.bmc?.credentialsName,
    disableCertificateVerification: spec.bmc?.disableCertificateVerification,
    automatedCleaningMode: intern(spec.automatedCleaningMode),
    externallyProvisioned: spec.externallyProvisioned,
    imageUrl: spec.image?.url,
    ...(spec.image?.checksum && { imageChecksum: spec.image.checksum }),
    ...(spec.image?.checksumType && {
      imageChecksumType: intern(spec.image.checksumType),
    }),
    ...(spec.image?.format && { imageFormat: intern(spec.image.format) }),
    ...(spec.rootDeviceHints &&
      Object.keys(spec.rootDeviceHints).length > 0 && {
        rootDeviceHints: spec.rootDeviceHints,
      }),
    consumerRef: refOf(spec.consumerRef),
    provisioningState: intern(status.provisioning?.state),
    operationalStatus: intern(status.operationalStatus),
    errorType: intern(status.errorType || undefined),
    // Ironic quotes the address it failed to reach, userinfo and all.
    errorMessage: intern(
      redactBmcCredentials(status.errorMessage || undefined),
    ),
    errorCount: status.errorCount,
    poweredOn: status.poweredOn,
    operationHistory: projectHistory(status.operationHistory),
    hardware: status.hardware ? projectHardware(status.hardware) : undefined,
    ...(status.hardware && { nics: nicFacts(status.hardware.nics ?? []) }),
  };
}

/** The compact NIC list of the cache (names and speeds interned: fleets repeat them). */
function nicFacts(nics: any[]): HostNicFacts[] {
  return mergeNics(nics).map(nic => ({
    ...(nic.name && { name: intern(nic.name) }),
    ...(nic.mac && { mac: nic.mac }),
    ...(nic.speedGbps !== undefined && { speedGbps: nic.speedGbps }),
    addressed: nic.ips.length > 0,
  }));
}

function projectHistory(
  history: any,
): BareMetalHostProjection['operationHistory'] {
  const result: BareMetalHostProjection['operationHistory'] = {};
  for (const op of [
    'register',
    'inspect',
    'provision',
    'deprovision',
  ] as const) {
    const times = history?.[op];
    // Unset timestamps are null (a zero metav1.Time); some tools write "".
    if (times?.start || times?.end) {
      result[op] = {
        ...(times.start && { start: times.start }),
        ...(times.end && { end: times.end }),
      };
    }
  }
  return result;
}

function projectHardware(hw: any): HostHardware {
  const storage: any[] = hw.storage ?? [];
  return {
    manufacturer: intern(hw.systemVendor?.manufacturer || undefined),
    productName: intern(hw.systemVendor?.productName || undefined),
    serialNumber: hw.systemVendor?.serialNumber || undefined,
    cpuModel: intern(hw.cpu?.model),
    cpuArch: intern(hw.cpu?.arch),
    cpuCount: hw.cpu?.count,
    cpuMhz: hw.cpu?.clockMegahertz,
    ramMebibytes: hw.ramMebibytes,
    biosVersion: intern(hw.firmware?.bios?.version || undefined),
    biosVendor: intern(hw.firmware?.bios?.vendor || undefined),
    nicCount: mergeNics(hw.nics ?? []).length,
    diskCount: storage.length,
    diskTotalBytes: storage.reduce((sum, d) => sum + (d?.sizeBytes ?? 0), 0),
  };
}

/** The full inspected hardware of a raw BareMetalHost (read live for the host page). @public */
export function projectHardwareDetails(
  raw: any,
): HostHardwareDetailsDto | undefined {
  const hw = raw?.status?.hardware;
  if (!hw) return undefined;
  const {
    nicCount: _n,
    diskCount: _d,
    diskTotalBytes: _t,
    ...facts
  } = projectHardware(hw);
  return {
    ...facts,
    hostname: hw.hostname,
    nics: mergeNics(hw.nics ?? []),
    disks: (hw.storage ?? []).map((d: any) => ({
      name: d.name,
      sizeBytes: d.sizeBytes,
      type: d.type,
      rotational: d.rotational,
      model: d.model,
      serialNumber: d.serialNumber,
    })),
  };
}

/** Metal3 lists a NIC once per IP address (IPv4 and IPv6): fold them by MAC. */
function mergeNics(nics: any[]): HostNic[] {
  const byKey = new Map<string, HostNic>();
  for (const nic of nics) {
    const key = nic.mac?.toLowerCase() ?? nic.name ?? String(byKey.size);
    const existing = byKey.get(key);
    if (existing) {
      if (nic.ip && !existing.ips.includes(nic.ip)) existing.ips.push(nic.ip);
      continue;
    }
    byKey.set(key, {
      name: nic.name,
      mac: nic.mac?.toLowerCase(),
      ips: nic.ip ? [nic.ip] : [],
      speedGbps: nic.speedGbps,
      pxe: nic.pxe,
      model: nic.model,
    });
  }
  return [...byKey.values()];
}
