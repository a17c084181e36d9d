import type { BmcInventoryDto } from '@metal3-fleet/plugin-metal3-common';
import { num, text } from './text';

type Disk = BmcInventoryDto['disks'][number];

/** Drives of the Storage subsystems (absent bays skipped). */
export function parseDrives(drives: any[]): Disk[] {
  return drives
    .filter(d => d?.Status?.State !== 'Absent')
    .map(d => ({
      ...(text(d?.Name) && { name: text(d.Name) }),
      ...(num(d?.CapacityBytes) && { sizeBytes: num(d.CapacityBytes) }),
      ...(text(d?.Model) && { model: text(d.Model) }),
      ...(text(d?.SerialNumber) && { serialNumber: text(d.SerialNumber) }),
      ...(text(d?.MediaType) && { mediaType: text(d.MediaType) }),
    }));
}

/** Devices of SimpleStorage, what Redfish 1.0-era BMCs offer instead. */
export function parseSimpleStorage(simple: any[]): Disk[] {
  return simple.flatMap(s =>
    (s?.Devices ?? [])
      .filter((d: any) => d?.Status?.State !== 'Absent')
      .map((d: any) => ({
        ...(text(d?.Name) && { name: text(d.Name) }),
        ...(num(d?.CapacityBytes) && { sizeBytes: num(d.CapacityBytes) }),
        ...(text(d?.Model) && { model: text(d.Model) }),
      })),
  );
}
