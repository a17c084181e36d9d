import type { BmcFirmwareDto } from '@metal3-fleet/plugin-metal3-common';
import { text } from './text';

/** FirmwareInventory members (Dell lists Installed-… and Previous-…; both kept). */
export function parseFirmware(items: any[]): BmcFirmwareDto[] {
  return items.flatMap(item => {
    const name = text(item?.Name) ?? text(item?.Id);
    if (!name) return [];
    return [
      {
        name,
        ...(text(item?.Version) && { version: text(item.Version) }),
        ...(typeof item?.Updateable === 'boolean' && {
          updateable: item.Updateable,
        }),
      },
    ];
  });
}
