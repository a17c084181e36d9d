import type { BmcSensorsDto } from '@metal3-fleet/plugin-metal3-common';
import { healthOf, num, text } from './text';

/**
 * ThermalSubsystem / PowerSubsystem (Chassis v1_15+): temperatures inline in
 * ThermalMetrics, fans and power supplies as members.
 */
export function parseSubsystems(
  thermalMetrics: any,
  fans: any[],
  powerSupplies: any[],
): BmcSensorsDto {
  const temperatures = (
    thermalMetrics?.TemperatureReadingsCelsius ?? []
  ).flatMap((t: any) => {
    const name =
      text(t?.DeviceName) ?? text(t?.DataSourceUri?.split('/').pop());
    return name && num(t?.Reading) !== undefined
      ? [
          {
            name,
            kind: 'temperature' as const,
            reading: num(t.Reading),
            unit: 'Cel',
          },
        ]
      : [];
  });
  const fanSensors = fans.flatMap(f => {
    const name = text(f?.Name) ?? text(f?.Id);
    if (!name) return [];
    const rpm = num(f?.SpeedPercent?.SpeedRPM);
    const percent = num(f?.SpeedPercent?.Reading);
    return [
      {
        name,
        kind: 'fan' as const,
        ...(rpm !== undefined
          ? { reading: rpm, unit: 'RPM' }
          : percent !== undefined && { reading: percent, unit: '%' }),
        ...(healthOf(f?.Status) && { health: healthOf(f.Status) }),
      },
    ];
  });
  const supplies = powerSupplies.flatMap(p => {
    const name = text(p?.Name) ?? text(p?.Id);
    return name
      ? [
          {
            name,
            kind: 'power' as const,
            ...(healthOf(p?.Status) && { health: healthOf(p.Status) }),
          },
        ]
      : [];
  });
  return { sensors: [...temperatures, ...fanSensors, ...supplies] };
}
