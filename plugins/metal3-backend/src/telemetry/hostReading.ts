import { BmcTelemetryDto } from '@metal3-fleet/plugin-metal3-common';
import { HostReading } from '../database/TelemetryStore';

/**
 * The two numbers the history keeps from a BMC reading: the power the
 * system draws (`PowerConsumedWatts`, else the sum of its power sensors in
 * watts) and its hottest temperature sensor. Undefined when the reading has
 * neither: a BMC that did not answer leaves a gap in the chart rather than
 * a zero.
 */
export function hostReadingOf(
  telemetry: BmcTelemetryDto,
): HostReading | undefined {
  const sensors = telemetry.sensors?.sensors ?? [];
  const numeric = (kind: string, unit: string) =>
    sensors
      .filter(s => s.kind === kind && s.unit === unit)
      .map(s => s.reading)
      .filter((r): r is number => typeof r === 'number' && Number.isFinite(r));
  const powerSensors = numeric('power', 'W');
  const powerWatts =
    telemetry.sensors?.powerConsumedWatts ??
    (powerSensors.length > 0
      ? powerSensors.reduce((sum, w) => sum + w, 0)
      : undefined);
  const temperatures = numeric('temperature', 'Cel');
  const temperatureCelsius =
    temperatures.length > 0 ? Math.max(...temperatures) : undefined;
  if (powerWatts === undefined && temperatureCelsius === undefined) {
    return undefined;
  }
  return {
    readAt: telemetry.readAt,
    ...(powerWatts !== undefined && { powerWatts }),
    ...(temperatureCelsius !== undefined && { temperatureCelsius }),
  };
}
