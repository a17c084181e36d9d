/**
 * The BMC address schemes baremetal-operator (BMO) accepts, and the ones it
 * used to accept. One table drives both the parser and the UI pickers, so a
 * scheme offered in a drop-down is always one the parser (and BMO) accepts.
 *
 * Properties follow BMO `pkg/hardwareutils/bmc` at HEAD (v0.13/v0.14) and the
 * Metal3 book "Supported hardware" page.
 */

/** Management protocol family behind a scheme. @public */
export type BmcProtocol = 'ipmi' | 'redfish' | 'libvirt';

/** How the portal and Ironic reach the BMC. @public */
export type BmcTransport = 'https' | 'http' | 'udp';

/** RAID interface Ironic uses with the scheme (`none` = BMO's `no-raid`). @public */
export type BmcRaid = 'none' | 'redfish' | 'idrac-redfish';

/** Base names (without `+http`/`+https`) of every accepted scheme. @public */
export type BmcSchemeName =
  | 'ipmi'
  | 'libvirt'
  | 'redfish'
  | 'redfish-virtualmedia'
  | 'redfish-uefihttp'
  | 'idrac-redfish'
  | 'idrac-virtualmedia'
  | 'ilo5-redfish'
  | 'ilo5-virtualmedia';

/** Why and to what a still-accepted scheme should be migrated. @public */
export interface BmcSchemeDeprecation {
  replacement: BmcSchemeName;
  reason: string;
}

/** One accepted scheme and what it implies for the host. @public */
export interface BmcSchemeInfo {
  name: BmcSchemeName;
  /** Short human label for pickers. */
  label: string;
  protocol: BmcProtocol;
  /** Transport used when the address has no `+http`/`+https` suffix. */
  defaultTransport: BmcTransport;
  /** Suffixes allowed after `+` (empty: the scheme takes no suffix). */
  transportSuffixes: readonly ('http' | 'https')[];
  /** Ironic driver name. */
  driver: 'ipmi' | 'redfish' | 'idrac';
  /** Ironic boot interface. */
  bootInterface: string;
  /** Boots over DHCP/PXE on a provisioning network. */
  needsProvisioningNetwork: boolean;
  /** Boots the deploy ramdisk from a virtual-media ISO. */
  supportsVirtualMedia: boolean;
  /** Can switch UEFI secure boot (bootMode `UEFISecureBoot`). */
  supportsSecureBoot: boolean;
  /** Out-of-band inspection (`inspectionMode: fast`, BMO v0.14). */
  supportsFastInspection: boolean;
  raid: BmcRaid;
  /** BMO `NeedsMAC()`: bootMACAddress required even with inspection. */
  needsMac: boolean;
  /** Placeholder for address inputs. */
  example: string;
  deprecated?: BmcSchemeDeprecation;
}

const REDFISH_SUFFIXES = ['http', 'https'] as const;

// Shared by every Redfish-family row: only the boot/RAID columns differ.
const redfishBase = {
  protocol: 'redfish',
  defaultTransport: 'https',
  transportSuffixes: REDFISH_SUFFIXES,
  supportsSecureBoot: true,
  supportsFastInspection: true,
  needsMac: false,
} as const;

const ipmiBase = {
  protocol: 'ipmi',
  defaultTransport: 'udp',
  transportSuffixes: [],
  driver: 'ipmi',
  bootInterface: 'ipxe',
  needsProvisioningNetwork: true,
  supportsVirtualMedia: false,
  supportsSecureBoot: false,
  supportsFastInspection: false,
  raid: 'none',
} as const;

/**
 * Every scheme BMO accepts today, in the order a picker should offer them
 * (recommended first, deprecated aliases last).
 *
 * @public
 */
export const BMC_SCHEMES: readonly BmcSchemeInfo[] = [
  {
    ...redfishBase,
    name: 'redfish-virtualmedia',
    label: 'Redfish virtual media',
    driver: 'redfish',
    bootInterface: 'redfish-virtual-media',
    needsProvisioningNetwork: false,
    supportsVirtualMedia: true,
    raid: 'redfish',
    example: 'redfish-virtualmedia://192.0.2.10/redfish/v1/Systems/1',
  },
  {
    ...redfishBase,
    name: 'redfish',
    label: 'Redfish (network boot)',
    driver: 'redfish',
    bootInterface: 'ipxe',
    needsProvisioningNetwork: true,
    supportsVirtualMedia: false,
    raid: 'redfish',
    example: 'redfish://192.0.2.10/redfish/v1/Systems/1',
  },
  {
    ...redfishBase,
    name: 'redfish-uefihttp',
    label: 'Redfish UEFI HTTP boot',
    driver: 'redfish',
    bootInterface: 'redfish-https',
    needsProvisioningNetwork: false,
    supportsVirtualMedia: false,
    raid: 'redfish',
    example: 'redfish-uefihttp://192.0.2.10/redfish/v1/Systems/1',
  },
  {
    ...redfishBase,
    name: 'idrac-virtualmedia',
    label: 'Dell iDRAC virtual media',
    driver: 'idrac',
    bootInterface: 'idrac-redfish-virtual-media',
    needsProvisioningNetwork: false,
    supportsVirtualMedia: true,
    raid: 'idrac-redfish',
    example:
      'idrac-virtualmedia://192.0.2.10/redfish/v1/Systems/System.Embedded.1',
  },
  {
    ...redfishBase,
    name: 'idrac-redfish',
    label: 'Dell iDRAC Redfish (network boot)',
    driver: 'idrac',
    bootInterface: 'ipxe',
    needsProvisioningNetwork: true,
    supportsVirtualMedia: false,
    raid: 'idrac-redfish',
    example: 'idrac-redfish://192.0.2.10/redfish/v1/Systems/System.Embedded.1',
  },
  {
    ...ipmiBase,
    name: 'ipmi',
    label: 'IPMI',
    needsMac: false,
    example: 'ipmi://192.0.2.10:623',
  },
  {
    ...ipmiBase,
    // libvirt is IPMI to a VirtualBMC, so it shares the ipmi driver.
    name: 'libvirt',
    label: 'libvirt (VirtualBMC, test only)',
    needsMac: true,
    example: 'libvirt://192.0.2.1:6230',
  },
  {
    ...redfishBase,
    name: 'ilo5-redfish',
    label: 'HPE iLO 5 Redfish (deprecated)',
    driver: 'redfish',
    bootInterface: 'ipxe',
    needsProvisioningNetwork: true,
    supportsVirtualMedia: false,
    raid: 'redfish',
    example: 'ilo5-redfish://192.0.2.10/redfish/v1/Systems/1',
    deprecated: {
      replacement: 'redfish',
      reason:
        'ilo5-redfish is an alias of redfish that the Metal3 docs say should no longer be used; use redfish for iLO 5 and 6',
    },
  },
  {
    ...redfishBase,
    name: 'ilo5-virtualmedia',
    label: 'HPE iLO 5 virtual media (deprecated)',
    driver: 'redfish',
    bootInterface: 'redfish-virtual-media',
    needsProvisioningNetwork: false,
    supportsVirtualMedia: true,
    raid: 'redfish',
    example: 'ilo5-virtualmedia://192.0.2.10/redfish/v1/Systems/1',
    deprecated: {
      replacement: 'redfish-virtualmedia',
      reason:
        'ilo5-virtualmedia is an alias of redfish-virtualmedia that the Metal3 docs say should no longer be used; use redfish-virtualmedia for iLO 5 and 6',
    },
  },
];

const BY_NAME = new Map(BMC_SCHEMES.map(s => [s.name as string, s]));

/**
 * Looks a scheme up by base name (case-insensitive, no `+` suffix).
 *
 * @public
 */
export function getBmcScheme(name: string): BmcSchemeInfo | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** A scheme BMO used to accept and no longer does. @public */
export interface RemovedBmcScheme {
  name: string;
  /** First BMO release without it. */
  removedIn: string;
  /** What to use instead. */
  use: string;
}

/**
 * Schemes old docs and blog posts still show. Kept so the portal can say
 * *when* and *why* they stopped working instead of BMO's bare
 * "Unknown BMC type".
 *
 * @public
 */
export const REMOVED_BMC_SCHEMES: readonly RemovedBmcScheme[] = [
  {
    name: 'idrac',
    removedIn: 'v0.6.0',
    use: 'idrac-redfish or idrac-virtualmedia',
  },
  { name: 'idrac+http', removedIn: 'v0.6.0', use: 'idrac-redfish+http' },
  { name: 'idrac+https', removedIn: 'v0.6.0', use: 'idrac-redfish' },
  { name: 'ibmc', removedIn: 'v0.6.0', use: 'redfish or redfish-virtualmedia' },
  { name: 'ilo4', removedIn: 'v0.12.0', use: 'ipmi or redfish' },
  {
    name: 'ilo4-virtualmedia',
    removedIn: 'v0.12.0',
    use: 'redfish-virtualmedia',
  },
  {
    name: 'ilo5',
    removedIn: 'v0.12.0',
    use: 'redfish or redfish-virtualmedia',
  },
  { name: 'irmc', removedIn: 'v0.13.0', use: 'redfish or ipmi' },
];

/**
 * Finds a removed scheme, also when written with a `+http`/`+https` suffix
 * BMO never had for it (the answer is the same: it is gone).
 *
 * @public
 */
export function getRemovedBmcScheme(
  scheme: string,
): RemovedBmcScheme | undefined {
  const lower = scheme.toLowerCase();
  const base = lower.split('+')[0];
  return (
    REMOVED_BMC_SCHEMES.find(r => r.name === lower) ??
    REMOVED_BMC_SCHEMES.find(r => r.name === base)
  );
}
