import type { BmcHealth } from '@metal3-fleet/plugin-metal3-common';

/** A trimmed non-empty string, else undefined: BMC strings carry padding ("AHW1URISER1     "). */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : undefined;
}

/** Redfish `Status`: HealthRollup over Health; absent components have no health. */
export function healthOf(status: any): BmcHealth | undefined {
  if (status?.State === 'Absent') return undefined;
  const value = status?.HealthRollup ?? status?.Health;
  return value === 'OK' || value === 'Warning' || value === 'Critical'
    ? value
    : undefined;
}

/** A lower-case, colon-separated MAC, or undefined for absent/zero ones. */
export function normaliseMac(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const mac = value.trim().toLowerCase().replace(/-/g, ':');
  if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(mac)) return undefined;
  return mac === '00:00:00:00:00:00' ? undefined : mac;
}
