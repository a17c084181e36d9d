import type {
  BmcHealth,
  BmcPowerState,
} from '@metal3-fleet/plugin-metal3-common';
import { field, parseKeyValues } from './keyValue';

export interface IpmiChassisStatus {
  powerState: BmcPowerState;
  powerRestorePolicy?: string;
  lastPowerEvent?: string;
  /** Fault flags that read `true` (or `active` for the intrusion switch). */
  faults: string[];
}

// Flags that mean the machine cannot run as it should: critical.
const CRITICAL_FLAGS = [
  'Power Overload',
  'Main Power Fault',
  'Power Control Fault',
];
// Flags that need attention but leave the machine running: warning.
const WARNING_FLAGS = ['Drive Fault', 'Cooling/Fan Fault', 'Chassis Intrusion'];

const POWER_STATES: Record<string, BmcPowerState> = { on: 'On', off: 'Off' };

/** `chassis status` -> power, restore policy and the fault flags that are set. */
export function parseChassisStatus(text: string): IpmiChassisStatus {
  const fields = parseKeyValues(text);
  const power = field(fields, 'System Power')?.toLowerCase();
  const faults = [...CRITICAL_FLAGS, ...WARNING_FLAGS].filter(flag => {
    const value = field(fields, flag)?.toLowerCase();
    return value === 'true' || value === 'active';
  });
  return {
    powerState: POWER_STATES[power ?? ''] ?? 'Unknown',
    powerRestorePolicy: field(fields, 'Power Restore Policy'),
    lastPowerEvent: field(fields, 'Last Power Event'),
    faults,
  };
}

/** Overall health from the chassis fault flags (IPMI has no rolled-up health). */
export function chassisHealth(status: IpmiChassisStatus): BmcHealth {
  if (status.faults.some(f => CRITICAL_FLAGS.includes(f))) return 'Critical';
  if (status.faults.length > 0) return 'Warning';
  return 'OK';
}
