import { BmhHardware } from './bmhHardware';

/**
 * The `status.hardware` the simulated Ironic records for a host whose BMC
 * the lab emulates. Metal3 inspects in-band (the ironic-python-agent boots
 * on the server) and finds the machine its BMC describes, so CPU, memory,
 * disks, vendor, model, serial, BIOS version and the NICs' MACs and speeds
 * are the BMC's Redfish inventory. What only the host's OS knows is taken
 * from the host's OS view (its hardware profile): the kernel names, PXE
 * flags and addresses of the NICs with the same MAC (Kube-OVN and network
 * data name NICs the way the kernel does; the Redfish interface id stands
 * in for a port the profile does not know), the hostname and the CPU flags.
 * Where the BMC lists no NICs or no disks (a blade's tree, iLO's Smart
 * Storage outside the standard Storage collection) the OS still sees them:
 * the OS view's stand in.
 */
export function inspectedHardware(
  bmc: BmhHardware,
  osView: Record<string, any>,
): Record<string, unknown> {
  const osNics: any[] = osView.nics ?? [];
  return {
    ...(osView.hostname && { hostname: osView.hostname }),
    systemVendor: bmc.systemVendor,
    ...(bmc.firmware && { firmware: bmc.firmware }),
    cpu: { ...bmc.cpu, ...(osView.cpu?.flags && { flags: osView.cpu.flags }) },
    ramMebibytes: bmc.ramMebibytes,
    nics: !bmc.nics.length
      ? osNics
      : bmc.nics.map(nic => {
          const os = osNics.find(n => String(n.mac).toLowerCase() === nic.mac);
          return {
            name: os?.name ?? nic.name,
            ...(os?.model && { model: os.model }),
            mac: nic.mac,
            ip: os?.ip ?? '',
            speedGbps: nic.speedGbps,
            pxe: os?.pxe ?? false,
          };
        }),
    storage: bmc.storage.length ? bmc.storage : osView.storage ?? [],
  };
}
