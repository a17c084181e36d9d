import type { BmcPowerState } from '@metal3-fleet/plugin-metal3-common';

/** `chassis power status` -> `Chassis Power is on|off`. */
export function parseChassisPowerStatus(text: string): BmcPowerState {
  const state = /Chassis Power is (on|off)\b/i.exec(text)?.[1]?.toLowerCase();
  if (state === 'on') return 'On';
  if (state === 'off') return 'Off';
  return 'Unknown';
}
