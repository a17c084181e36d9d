import type { HostReadingDto } from '@metal3-fleet/plugin-metal3-common';

/** One point of the chart: epoch ms and the two values (null draws a gap). */
export interface TelemetryPoint {
  at: number;
  powerWatts: number | null;
  temperatureCelsius: number | null;
}

/**
 * The chart's points from the stored readings, oldest first. Where two
 * readings lie more than two intervals apart (a BMC that did not answer, a
 * backend that was down) a point without values goes between them, so the
 * line breaks instead of drawing a straight line across hours nobody read.
 */
export function telemetryPoints(
  readings: HostReadingDto[],
  sampleIntervalSeconds: number,
): TelemetryPoint[] {
  const gapMs = 2 * sampleIntervalSeconds * 1000;
  const points: TelemetryPoint[] = [];
  for (const reading of readings) {
    const at = Date.parse(reading.readAt);
    const previous = points[points.length - 1];
    if (previous && at - previous.at > gapMs) {
      points.push({
        at: previous.at + gapMs / 2,
        powerWatts: null,
        temperatureCelsius: null,
      });
    }
    points.push({
      at,
      powerWatts: reading.powerWatts ?? null,
      temperatureCelsius: reading.temperatureCelsius ?? null,
    });
  }
  return points;
}
