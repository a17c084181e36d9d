import { KubeObject } from '../types';
import { parseBmcAddressLikeBmo } from './bmcAddress';

/**
 * The rules of baremetal-operator's validating webhook for BareMetalHost
 * (`baremetalhost.metal3.io`, create and update; rules listed in
 * ../shared/notes/metal3.md §4). Returns BMO's messages; the API server turns
 * them into one denial, as controller-runtime does for a plain error.
 */

const UUID =
  /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const MAC = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$/i;
const REBOOT_MODES = ['hard', 'soft', ''];
const IMAGE_SCHEMES = ['http:', 'https:', 'ftp:', 'gopher:', 'oci:'];

export function validateBareMetalHost(host: KubeObject): string[] {
  const spec = host.spec ?? {};
  const errors: string[] = [];
  const address: string = spec.bmc?.address ?? '';
  let driver: ReturnType<typeof parseBmcAddressLikeBmo> | undefined;
  if (address) {
    driver = parseBmcAddressLikeBmo(address);
    if ('error' in driver) errors.push(driver.error);
  }
  if (spec.firmware) {
    errors.push(
      'the Firmware field is no longer supported, use HostFirmwareSettings resource instead',
    );
  }
  for (const field of ['userData', 'networkData', 'metaData']) {
    const namespace = spec[field]?.namespace;
    if (namespace && namespace !== host.metadata.namespace) {
      errors.push(
        `${field}: cross-namespace Secret references are not allowed`,
      );
    }
  }
  errors.push(...raidErrors(spec));
  const inspectionDisabled =
    host.metadata.annotations?.['inspect.metal3.io'] === 'disabled' ||
    spec.inspectionMode === 'disabled';
  if (driver && !('error' in driver)) {
    if (spec.raid?.hardwareRAIDVolumes?.length && !driver.raid)
      errors.push(
        `BMC driver ${driver.scheme} does not support configuring RAID`,
      );
    if ((driver.needsMac || inspectionDisabled) && !spec.bootMACAddress)
      errors.push(
        `BMC driver ${driver.scheme} requires a BootMACAddress value`,
      );
    if (spec.bootMode === 'UEFISecureBoot' && !driver.secureBoot)
      errors.push(`BMC driver ${driver.scheme} does not support secure boot`);
    if (spec.inspectionMode === 'fast' && !driver.redfish)
      errors.push(
        `BMC driver ${driver.scheme} does not support fast (out-of-band) inspection`,
      );
  }
  if (spec.bootMACAddress && !MAC.test(spec.bootMACAddress)) {
    errors.push(`address ${spec.bootMACAddress}: invalid MAC address`);
  }
  const name = host.metadata.name ?? '';
  if (!/^[A-Za-z0-9._-]*$/.test(name)) {
    errors.push(
      'BareMetalHost resource name cannot contain characters other than [A-Za-z0-9._-]',
    );
  } else if (UUID.test(name)) {
    errors.push('BareMetalHost resource name cannot be a UUID');
  }
  const deviceName: string | undefined = spec.rootDeviceHints?.deviceName;
  if (deviceName && !/^\/dev\/(disk\/by-path\/)?[^/]+$/.test(deviceName)) {
    errors.push(
      deviceName.startsWith('/dev/')
        ? `device name of root device hint must be path in /dev/ or /dev/disk/by-path/, not "${deviceName}"`
        : `device name of root device hint must be a /dev/ path, not "${deviceName}"`,
    );
  }
  if (spec.image) errors.push(...imageErrors(spec.image));
  errors.push(
    ...annotationErrors(host.metadata.annotations ?? {}, inspectionDisabled),
  );
  const inspectAnnotation = host.metadata.annotations?.['inspect.metal3.io'];
  if (
    spec.inspectionMode &&
    inspectAnnotation === 'disabled' &&
    spec.inspectionMode !== 'disabled'
  ) {
    errors.push(
      'inspect.metal3.io annotation and inspectionMode field have contradicting values',
    );
  }
  if (spec.disablePowerOff === true && spec.online === false) {
    errors.push(
      "node can't simultaneously have online set to false and have power off disabled",
    );
  }
  errors.push(...networkInterfaceErrors(spec.networkInterfaces ?? []));
  return errors;
}

/** Update-only rules; they include the create rules, as BMO's do. */
export function validateBareMetalHostUpdate(
  old: KubeObject,
  next: KubeObject,
): string[] {
  const errors = validateBareMetalHost(next);
  const oldAddress = old.spec?.bmc?.address ?? '';
  const state = (o: KubeObject) => o.status?.provisioning?.state;
  const detached = (o: KubeObject) =>
    o.status?.operationalStatus === 'detached';
  if (
    oldAddress &&
    next.spec?.bmc?.address !== oldAddress &&
    !detached(old) &&
    !detached(next) &&
    state(old) !== 'registering' &&
    state(next) !== 'registering'
  ) {
    errors.push(
      'BMC address can not be changed if the BMH is not in the Registering state, or if the BMH is not detached',
    );
  }
  const oldMac: string = old.spec?.bootMACAddress ?? '';
  if (
    oldMac &&
    oldMac.toLowerCase() !==
      String(next.spec?.bootMACAddress ?? '').toLowerCase()
  ) {
    errors.push('bootMACAddress can not be changed once it is set');
  }
  if (
    !old.spec?.externallyProvisioned &&
    next.spec?.externallyProvisioned &&
    state(old) !== 'available' &&
    state(next) !== 'available'
  ) {
    errors.push(
      `externallyProvisioned can only be enabled when in Available state, currently in ${
        state(old) ?? ''
      }`,
    );
  }
  return errors;
}

function raidErrors(spec: any): string[] {
  const raid = spec.raid;
  if (!raid) return [];
  const errors: string[] = [];
  const hardware: any[] = raid.hardwareRAIDVolumes ?? [];
  const software: any[] = raid.softwareRAIDVolumes ?? [];
  if (hardware.length && software.length) {
    errors.push(
      'hardwareRAIDVolumes and softwareRAIDVolumes can not be set at the same time',
    );
  }
  hardware.forEach((volume, index) => {
    if (volume.physicalDisks?.length && !volume.controller) {
      errors.push(
        `'physicalDisks' specified without 'controller' in hardware RAID volume ${index}`,
      );
    }
    if (
      volume.physicalDisks?.length &&
      volume.numberOfPhysicalDisks !== undefined &&
      volume.numberOfPhysicalDisks !== volume.physicalDisks.length
    ) {
      errors.push(
        `the 'numberOfPhysicalDisks'[${volume.numberOfPhysicalDisks}] and number of 'physicalDisks'[${volume.physicalDisks.length}] is not same for volume ${index}`,
      );
    }
  });
  const roots = software.filter(v => v.rootVolume);
  if (roots.length > 1)
    errors.push('softwareRAIDVolumes[*].rootVolume can only be set once');
  if (roots.length && spec.rootDeviceHints) {
    errors.push(
      'softwareRAIDVolumes[*].rootVolume and rootDeviceHints can not be set at the same time',
    );
  }
  software.forEach((volume, index) => {
    if (volume.rootVolume && volume.level !== '1') {
      errors.push(
        `softwareRAIDVolumes[${index}] with rootVolume set must use RAID level 1`,
      );
    }
  });
  return errors;
}

function imageErrors(image: any): string[] {
  const errors: string[] = [];
  let scheme: string | undefined;
  try {
    scheme = new URL(image.url).protocol;
  } catch {
    errors.push(
      `image URL ${image.url} is invalid: parse "${image.url}": invalid URI for request`,
    );
  }
  if (scheme && !IMAGE_SCHEMES.includes(scheme)) {
    errors.push(
      `image URL ${
        image.url
      } is invalid: invalid scheme in URL, "${scheme.slice(
        0,
        -1,
      )}" not allowed`,
    );
  }
  const liveIso = image.format === 'live-iso';
  if (scheme === 'oci:' && image.checksum) {
    errors.push(
      'spec.image.checksum must be empty for OCI images (oci:// images have embedded checksums)',
    );
  } else if (!image.checksum && !liveIso && scheme !== 'oci:') {
    errors.push('checksum is required for normal images');
  }
  return errors;
}

function annotationErrors(
  annotations: Record<string, string>,
  inspectionDisabled: boolean,
): string[] {
  const errors: string[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    if (key === 'reboot.metal3.io' || key.startsWith('reboot.metal3.io/')) {
      if (!value) continue;
      let mode: unknown;
      try {
        mode = JSON.parse(value).mode;
      } catch (error) {
        errors.push(
          `failed to unmarshal the data from the reboot.metal3.io annotation: ${
            (error as Error).message
          }`,
        );
        continue;
      }
      if (mode !== undefined && !REBOOT_MODES.includes(String(mode))) {
        errors.push(
          'invalid mode in the reboot.metal3.io annotation, allowed are "hard", "soft" or ""',
        );
      }
    } else if (
      key === 'inspect.metal3.io' &&
      !['', 'disabled'].includes(value)
    ) {
      errors.push(
        'invalid value for the inspect.metal3.io annotation, allowed are "disabled" or ""',
      );
    } else if (
      key === 'inspect.metal3.io/hardwaredetails' &&
      !inspectionDisabled
    ) {
      errors.push(
        'when hardware details are provided, inspection must be disabled (either via inspect.metal3.io annotation or inspectionMode field)',
      );
    }
  }
  return errors;
}

function networkInterfaceErrors(interfaces: any[]): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  interfaces.forEach((iface, i) => {
    if (!iface.name && !iface.macAddress) {
      errors.push(
        `networkInterfaces[${i}]: must specify either name or macAddress`,
      );
    } else if (iface.name && iface.macAddress) {
      errors.push(
        `networkInterfaces[${i}]: name and macAddress are mutually exclusive`,
      );
    }
    const key = iface.name ?? String(iface.macAddress ?? '').toLowerCase();
    if (seen.has(key)) {
      errors.push(
        `networkInterfaces[${i}]: duplicate interface selector for "${key}"`,
      );
    }
    seen.add(key);
  });
  return errors;
}
