import type {
  Available,
  BmcInventoryDto,
  BmcReport,
  BmcSystemDto,
  InventoryFacts,
} from '@metal3-fleet/plugin-metal3-common';
import type { BareMetalHostProjection } from '../../cluster/projections';

/** The BareMetalHost's side of the BMC drift check. */
export function inventoryFacts(
  host: BareMetalHostProjection,
): Available<InventoryFacts> {
  const hw = host.hardware;
  if (!hw) return { unavailable: `${host.name} has not been inspected yet` };
  const macs = (host.nics ?? []).flatMap(n => (n.mac ? [n.mac] : []));
  return {
    ...(hw.serialNumber && { serialNumber: hw.serialNumber }),
    ...(hw.manufacturer && { manufacturer: hw.manufacturer }),
    ...(hw.productName && { model: hw.productName }),
    ...(macs.length > 0 && { macs }),
    ...(host.poweredOn !== undefined && { poweredOn: host.poweredOn }),
  };
}

/**
 * The BMC's side, from a telemetry reading's system part and, when read,
 * its inventory's NICs.
 */
export function bmcReport(
  system: BmcSystemDto | undefined,
  inventory?: Pick<BmcInventoryDto, 'nics'>,
): BmcReport {
  const macs = (inventory?.nics ?? []).map(n => n.mac).filter(Boolean);
  return {
    ...(system?.serialNumber && { serialNumber: system.serialNumber }),
    ...(system?.manufacturer && { manufacturer: system.manufacturer }),
    ...(system?.model && { model: system.model }),
    ...(macs.length > 0 && { macs }),
    ...(system?.powerState && { powerState: system.powerState }),
  };
}
