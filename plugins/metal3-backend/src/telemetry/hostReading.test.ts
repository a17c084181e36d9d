import { BmcTelemetryDto } from '@metal3-fleet/plugin-metal3-common';
import { hostReadingOf } from './hostReading';

const telemetry = (sensors: BmcTelemetryDto['sensors']): BmcTelemetryDto => ({
  protocol: 'redfish',
  readAt: '2026-12-07T10:00:00.000Z',
  sensors,
  errors: [],
});

describe('hostReadingOf', () => {
  it('keeps the power the system draws and its hottest temperature', () => {
    expect(
      hostReadingOf(
        telemetry({
          powerConsumedWatts: 245,
          sensors: [
            {
              name: 'CPU1 Temp',
              kind: 'temperature',
              reading: 61,
              unit: 'Cel',
            },
            {
              name: 'Inlet Temp',
              kind: 'temperature',
              reading: 24,
              unit: 'Cel',
            },
            { name: 'PSU1 Input', kind: 'power', reading: 250, unit: 'W' },
            { name: 'Fan1', kind: 'fan', reading: 9000, unit: 'RPM' },
          ],
        }),
      ),
    ).toEqual({
      readAt: '2026-12-07T10:00:00.000Z',
      powerWatts: 245,
      temperatureCelsius: 61,
    });
  });

  it('sums the power sensors in watts when the BMC reports no consumption', () => {
    expect(
      hostReadingOf(
        telemetry({
          sensors: [
            { name: 'PSU1', kind: 'power', reading: 120, unit: 'W' },
            { name: 'PSU2', kind: 'power', reading: 110, unit: 'W' },
            { name: 'PSU2 %', kind: 'power', reading: 40, unit: '%' },
          ],
        }),
      ),
    ).toEqual({ readAt: '2026-12-07T10:00:00.000Z', powerWatts: 230 });
  });

  it('gives nothing for a BMC that said neither (a gap, not a zero)', () => {
    expect(hostReadingOf(telemetry(undefined))).toBeUndefined();
    expect(
      hostReadingOf(
        telemetry({
          sensors: [{ name: 'CPU1 Temp', kind: 'temperature', unit: 'Cel' }],
        }),
      ),
    ).toBeUndefined();
  });
});
