import { InputError } from '@backstage/errors';
import {
  FieldError,
  parseBmcAddress,
  validateLabelName,
  validateSubdomainName,
} from '@metal3-fleet/plugin-metal3-common';

/** What an operator types to enroll one host. */
export interface HostEnrollmentInput {
  name: string;
  namespace: string;
  bmcAddress: string;
  /** Name of the Secret holding the BMC username and password. */
  credentialsName: string;
  bootMACAddress: string;
  bootMode?: 'UEFI' | 'UEFISecureBoot' | 'legacy';
  online?: boolean;
  disableCertificateVerification?: boolean;
  labels?: Record<string, string>;
  /** `metadata` (clean disks on deprovisioning, the default) or `disabled`. */
  automatedCleaningMode?: 'metadata' | 'disabled';
  /** Which disk receives the image, e.g. `{ deviceName: '/dev/sda' }` or `{ minSizeGigabytes: 200 }`. */
  rootDeviceHints?: Record<string, string | number | boolean>;
}

const MAC = /^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/;

/** Validates an enrollment, collecting every problem so the form can show them all. */
export function validateHostEnrollment(
  input: HostEnrollmentInput,
): FieldError[] {
  const errors: (FieldError | undefined)[] = [
    validateSubdomainName(input.name, 'name'),
    validateLabelName(input.namespace, 'namespace'),
    validateSubdomainName(input.credentialsName, 'credentialsName'),
  ];
  if (!input.bmcAddress) {
    errors.push({ field: 'bmcAddress', message: 'bmcAddress is required' });
  } else {
    // The BMO webhook's own rules: unknown or removed schemes, bad hosts/ports.
    const parsed = parseBmcAddress(input.bmcAddress);
    if (!parsed.ok) {
      errors.push({
        field: 'bmcAddress',
        message: `bmcAddress: ${parsed.message}`,
      });
    }
  }
  if (!MAC.test(input.bootMACAddress ?? '')) {
    errors.push({
      field: 'bootMACAddress',
      message: `bootMACAddress "${
        input.bootMACAddress ?? ''
      }" is not a MAC address such as 52:54:00:12:34:56`,
    });
  }
  return errors.filter((e): e is FieldError => Boolean(e));
}

/**
 * Builds the BareMetalHost manifest of an enrollment. The credentials Secret
 * is only referenced by name: passwords never pass through this function.
 */
export function buildBareMetalHost(input: HostEnrollmentInput) {
  const errors = validateHostEnrollment(input);
  if (errors.length > 0) {
    throw new InputError(errors.map(e => e.message).join('; '));
  }
  return {
    apiVersion: 'metal3.io/v1alpha1',
    kind: 'BareMetalHost',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      ...(input.labels && { labels: input.labels }),
    },
    spec: {
      online: input.online ?? true,
      bootMode: input.bootMode ?? 'UEFI',
      // Metal3 compares MACs in lower case; normalise so re-runs stay idempotent.
      bootMACAddress: input.bootMACAddress.toLowerCase().replace(/-/g, ':'),
      ...(input.automatedCleaningMode && {
        automatedCleaningMode: input.automatedCleaningMode,
      }),
      ...(input.rootDeviceHints && { rootDeviceHints: input.rootDeviceHints }),
      bmc: {
        address: input.bmcAddress,
        credentialsName: input.credentialsName,
        ...(input.disableCertificateVerification !== undefined && {
          disableCertificateVerification: input.disableCertificateVerification,
        }),
      },
    },
  };
}

/**
 * The BMC credentials Secret baremetal-operator reads (keys `username` and
 * `password`, same namespace as the host). The result carries the password:
 * it goes to the API server and nowhere else — never log or output it.
 */
export function buildBmcSecret(options: {
  name: string;
  namespace: string;
  username: string;
  password: string;
}) {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels: { 'environment.metal3.io': 'baremetal' },
    },
    stringData: { username: options.username, password: options.password },
  };
}
