/**
 * BareMetalHost `status.hardware` as the inspection of a Redfish BMC finds
 * it: derived from the resources the BMC serves, reached only through their
 * `@odata.id` links (ids such as "1" or "CPU1" are never assumed, captured
 * trees use anything from "1" to "437XR1138R2").
 */
export interface BmhHardware {
  cpu: { arch: string; model: string; count: number; clockMegahertz: number };
  ramMebibytes: number;
  nics: { name: string; mac: string; speedGbps: number }[];
  storage: { name: string; sizeBytes: number; rotational: boolean }[];
  systemVendor: {
    manufacturer: string;
    productName: string;
    serialNumber: string;
  };
  /** The BIOS version the system reports (vendor: the system's manufacturer). */
  firmware?: { bios: { vendor: string; version: string } };
}

/** Reads one resource by URI (as served), undefined when there is none. */
export type RedfishReader = (uri: string) => any | undefined;

const link = (value: any): string | undefined => value?.['@odata.id'];

/** Members of the collection a link points at, each read. */
function readMembers(read: RedfishReader, collection: unknown): any[] {
  const uri = link(collection);
  if (!uri) return [];
  const members: unknown[] = read(uri)?.Members ?? [];
  return members
    .map(member => link(member))
    .filter((u): u is string => !!u)
    .map(u => read(u))
    .filter(r => r !== undefined);
}

// Empty slots and sockets stay listed (iLO shows 12 absent DIMMs with 0 MiB).
const present = (resource: any) => resource?.Status?.State !== 'Absent';

/** Redfish names the instruction set; Ironic reports the Linux arch name. */
function archOf(processor: any): string {
  const set = String(processor?.InstructionSet ?? '');
  if (/x86-64/i.test(set)) return 'x86_64';
  if (/arm-a64/i.test(set)) return 'aarch64';
  if (/power/i.test(set)) return 'ppc64le';
  return processor?.ProcessorArchitecture === 'x86' ? 'x86_64' : 'unknown';
}

function cpuOf(read: RedfishReader, system: any): BmhHardware['cpu'] {
  // FPGAs and GPUs are Processors too (rackmount1 has an FPGA): CPUs only.
  const cpus = readMembers(read, system.Processors).filter(
    p => present(p) && (p.ProcessorType ?? 'CPU') === 'CPU',
  );
  const first = cpus[0] ?? {};
  // Ironic counts logical CPUs (threads), as the host OS would.
  const threads = cpus.reduce(
    (n, p) => n + (p.TotalThreads ?? p.TotalCores ?? 0),
    0,
  );
  const summary = system.ProcessorSummary ?? {};
  return {
    arch: archOf(first),
    // iLO pads the model with trailing spaces.
    model: String(first.Model ?? summary.Model ?? '').trim(),
    count: threads || summary.LogicalProcessorCount || summary.Count || 0,
    clockMegahertz: first.MaxSpeedMHz ?? first.OperatingSpeedMHz ?? 0,
  };
}

function ramOf(read: RedfishReader, system: any): number {
  const dimms = readMembers(read, system.Memory).filter(present);
  const mib = dimms.reduce((n, d) => n + (d.CapacityMiB ?? 0), 0);
  // Trees without DIMM resources (bladed) still carry the summary.
  return mib || (system.MemorySummary?.TotalSystemMemoryGiB ?? 0) * 1024;
}

/**
 * The host's own ports: interfaces to the BMC (host interfaces) and VLANs on
 * top of a port are left out, and a MAC is listed once, so the first NIC is
 * a physical port a host can PXE-boot from.
 */
function nicsOf(read: RedfishReader, system: any): BmhHardware['nics'] {
  const seen = new Set<string>();
  const nics: BmhHardware['nics'] = [];
  for (const nic of readMembers(read, system.EthernetInterfaces)) {
    if (nic.Links?.HostInterface || nic.EthernetInterfaceType === 'Virtual')
      continue;
    // The burnt-in address identifies the port; MACAddress may be overridden.
    const mac = String(nic.PermanentMACAddress || nic.MACAddress || '');
    if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(mac)) continue;
    if (seen.has(mac.toLowerCase())) continue;
    seen.add(mac.toLowerCase());
    nics.push({
      name: String(nic.Id ?? nic.Name),
      mac: mac.toLowerCase(),
      speedGbps: (nic.SpeedMbps ?? 0) / 1000,
    });
  }
  return nics;
}

/** Disks of size known: from Storage/Drives, else from SimpleStorage devices. */
function storageOf(read: RedfishReader, system: any): BmhHardware['storage'] {
  const disks: BmhHardware['storage'] = [];
  for (const controller of readMembers(read, system.Storage)) {
    for (const drive of controller.Drives ?? []) {
      const d = link(drive) ? read(link(drive)!) : undefined;
      if (!d || !present(d) || !d.CapacityBytes) continue;
      disks.push({
        name: String(d.Name ?? d.Id),
        sizeBytes: d.CapacityBytes,
        rotational: d.MediaType === 'HDD',
      });
    }
  }
  if (disks.length > 0) return disks;
  for (const controller of readMembers(read, system.SimpleStorage)) {
    for (const device of controller.Devices ?? []) {
      // A bay without a size cannot be a root device candidate: skip it.
      if (!present(device) || !device.CapacityBytes) continue;
      disks.push({
        name: String(device.Name),
        sizeBytes: device.CapacityBytes,
        // SimpleStorage has no media type; HDD only when a name says so.
        rotational: /\bHDD\b/i.test(String(device.Model ?? '')),
      });
    }
  }
  return disks;
}

/** The hardware of the ComputerSystem at `systemUri`, read through `read`. */
export function hardwareFromRedfish(
  read: RedfishReader,
  systemUri: string,
): BmhHardware {
  const system = read(systemUri);
  if (!system) throw new Error(`no ComputerSystem at ${systemUri}`);
  return {
    cpu: cpuOf(read, system),
    ramMebibytes: ramOf(read, system),
    nics: nicsOf(read, system),
    storage: storageOf(read, system),
    systemVendor: {
      manufacturer: String(system.Manufacturer ?? ''),
      productName: String(system.Model ?? ''),
      serialNumber: String(system.SerialNumber ?? ''),
    },
    // Redfish names no BIOS vendor: servers ship their maker's firmware.
    ...(system.BiosVersion && {
      firmware: {
        bios: {
          vendor: String(system.Manufacturer ?? ''),
          version: String(system.BiosVersion),
        },
      },
    }),
  };
}
