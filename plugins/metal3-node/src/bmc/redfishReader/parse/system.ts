import type {
  BmcPowerState,
  BmcSystemDto,
} from '@metal3-fleet/plugin-metal3-common';
import { odataId } from '../uri';
import { healthOf, text } from './text';

const POWER: Record<string, BmcPowerState> = {
  On: 'On',
  Off: 'Off',
  PoweringOn: 'PoweringOn',
  PoweringOff: 'PoweringOff',
};

/** Identity, power and health of a ComputerSystem. */
export function parseSystem(system: any): BmcSystemDto {
  const power = text(system?.PowerState);
  return {
    ...(odataId(system) && { id: odataId(system) }),
    ...(text(system?.Manufacturer) && {
      manufacturer: text(system.Manufacturer),
    }),
    ...(text(system?.Model) && { model: text(system.Model) }),
    ...(text(system?.SerialNumber) && {
      serialNumber: text(system.SerialNumber),
    }),
    ...(text(system?.UUID) && { uuid: text(system.UUID) }),
    ...(text(system?.SKU) && { sku: text(system.SKU) }),
    ...(text(system?.BiosVersion) && { biosVersion: text(system.BiosVersion) }),
    powerState: (power ? POWER[power] : undefined) ?? 'Unknown',
    ...(healthOf(system?.Status) && { health: healthOf(system.Status) }),
  };
}
