import { telemetryPoints } from './telemetryPoints';

const at = (minutes: number) =>
  new Date(Date.UTC(2026, 11, 7, 10, minutes)).toISOString();

describe('telemetryPoints', () => {
  it('keeps readings in order and draws a gap where readings are missing', () => {
    const points = telemetryPoints(
      [
        { readAt: at(0), powerWatts: 200, temperatureCelsius: 40 },
        { readAt: at(5), powerWatts: 210 },
        // 30 minutes without a reading at a 5-minute interval.
        { readAt: at(35), powerWatts: 190, temperatureCelsius: 42 },
      ],
      300,
    );
    expect(points.map(p => p.powerWatts)).toEqual([200, 210, null, 190]);
    expect(points.map(p => p.temperatureCelsius)).toEqual([40, null, null, 42]);
    expect(points[2].at).toBeGreaterThan(Date.parse(at(5)));
    expect(points[2].at).toBeLessThan(Date.parse(at(35)));
  });

  it('adds no gap between readings one interval apart', () => {
    expect(
      telemetryPoints(
        [
          { readAt: at(0), powerWatts: 1 },
          { readAt: at(5), powerWatts: 2 },
          { readAt: at(10), powerWatts: 3 },
        ],
        300,
      ),
    ).toHaveLength(3);
  });
});
