/**
 * What each BareMetalHost `status.errorType` means and what an operator should
 * do about it, in the words of the Metal3 docs and troubleshooting guide.
 */

/** The `status.errorType` values of the BareMetalHost CRD. @public */
export type HostErrorType =
  | 'provisioned registration error'
  | 'registration error'
  | 'inspection error'
  | 'preparation error'
  | 'provisioning error'
  | 'power management error'
  | 'detach error'
  | 'servicing error';

/** Help for one error: a title, what it means, and the suggested fix. @public */
export interface HostErrorHelp {
  title: string;
  help: string;
  fix: string;
}

/** @public */
export const HOST_ERROR_HELP: Record<HostErrorType, HostErrorHelp> = {
  'registration error': {
    title: 'Registration error',
    help: 'Ironic could not reach or log in to the BMC: the address, the port, the credentials or the certificate is wrong, or the BMC does not answer.',
    fix: 'Run the BMC preflight on the address; fix the address or the credentials Secret (keys username and password, same namespace). The host re-registers by itself once the Secret or address changes.',
  },
  'provisioned registration error': {
    title: 'Registration error on a provisioned host',
    help: 'The BMC of a host that is already provisioned cannot be re-registered (after a BMC change, a restored Ironic or a moved host).',
    fix: 'Check BMC reachability and credentials. To change the BMC address of a provisioned host, detach it first (baremetalhost.metal3.io/detached), change the address, then remove the annotation.',
  },
  'inspection error': {
    title: 'Inspection failed',
    help: 'The inspection ramdisk did not boot or did not report back: usually DHCP/PXE on the provisioning network, a wrong boot MAC or boot mode, or the ramdisk cannot reach Ironic.',
    fix: 'Check the boot MAC address and boot mode, watch the console through the BMC, then re-inspect (annotation inspect.metal3.io).',
  },
  'preparation error': {
    title: 'Preparation failed',
    help: 'Cleaning, RAID or firmware settings could not be applied.',
    fix: 'Check the RAID and firmware settings in the host spec against the hardware; reduce them to what the controller supports and let the host retry.',
  },
  'provisioning error': {
    title: 'Provisioning failed',
    help: 'Writing the image or deprovisioning failed: a wrong image URL or checksum, a disk the root device hints do not match, or cleaning failed.',
    fix: 'Check the image URL, checksum and format of the pool template and the root device hints; if deprovisioning is stuck in cleaning, set automatedCleaningMode to disabled. Never remove the finalizer.',
  },
  'power management error': {
    title: 'Power management error',
    help: 'The BMC refused or failed a power change.',
    fix: 'Check the BMC (it may be busy or need a reset) and its power policy; the operator retries with back-off.',
  },
  'detach error': {
    title: 'Detach failed',
    help: 'The host could not be removed from Ironic while detaching.',
    fix: 'Remove the detached annotation and try again once Ironic is healthy.',
  },
  'servicing error': {
    title: 'Servicing failed',
    help: 'A firmware update or settings change on a provisioned host failed.',
    fix: 'Check the firmware update or settings request against the hardware, then retry or revert it.',
  },
};

/** Help for an error type, with a generic fallback for values newer than this code. @public */
export function helpForError(errorType: string | undefined): HostErrorHelp {
  return (
    HOST_ERROR_HELP[errorType as HostErrorType] ?? {
      title: errorType ? `Error: ${errorType}` : 'Error',
      help: 'The host reports an error this portal does not know yet.',
      fix: 'Read the error message and the host events; see the Metal3 troubleshooting guide.',
    }
  );
}
