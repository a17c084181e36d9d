import { transcript } from '../__fixtures__/transcript';
import { parseSensorList } from './sensorList';
import { powerConsumedWatts } from './sensorUnits';

const EXPECTED = [
  {
    name: 'CPU1 Temp',
    kind: 'temperature',
    unit: 'Cel',
    reading: 48,
    health: 'OK',
  },
  {
    name: 'Inlet Temp',
    kind: 'temperature',
    unit: 'Cel',
    reading: 24,
    health: 'OK',
  },
  { name: 'FAN1', kind: 'fan', unit: 'RPM', reading: 8400, health: 'OK' },
  { name: '12V', kind: 'voltage', unit: 'V', reading: 12.06, health: 'OK' },
];

describe('parseSensorList', () => {
  it('reads the captured table output', () => {
    expect(parseSensorList(transcript('sensor-list.txt'))).toEqual(EXPECTED);
  });

  it('reads the captured CSV output (-c sensor list) the same way', () => {
    expect(parseSensorList(transcript('csv-output.txt', 2))).toEqual(EXPECTED);
  });

  it('maps watts, status columns and readings that are not numbers', () => {
    const text = [
      'Pwr Consumption  | 212.000    | Watts      | ok    | na | na | na | na | na | na',
      'PSU1 Input       | 230.000    | Watts      | ok    | na | na | na | na | na | na',
      'CPU2 Temp        | 88.000     | degrees C  | nc    | na | na | na | 85.000 | 95.000 | na',
      'FAN2             | 0.000      | RPM        | cr    | na | 500.000 | na | na | na | na',
      'PSU Temp         | 122.000    | degrees F  | ok    | na | na | na | na | na | na',
      'FAN3             | na         | RPM        | na    | na | na | na | na | na | na',
      'PS1 Status       | 0x1        | discrete   | 0x0100| na | na | na | na | na | na',
    ].join('\n');
    const sensors = parseSensorList(text);
    expect(sensors).toEqual([
      {
        name: 'Pwr Consumption',
        kind: 'power',
        unit: 'W',
        reading: 212,
        health: 'OK',
      },
      {
        name: 'PSU1 Input',
        kind: 'power',
        unit: 'W',
        reading: 230,
        health: 'OK',
      },
      {
        name: 'CPU2 Temp',
        kind: 'temperature',
        unit: 'Cel',
        reading: 88,
        health: 'Warning',
      },
      {
        name: 'FAN2',
        kind: 'fan',
        unit: 'RPM',
        reading: 0,
        health: 'Critical',
      },
      {
        name: 'PSU Temp',
        kind: 'temperature',
        unit: 'Cel',
        reading: 50,
        health: 'OK',
      },
      { name: 'FAN3', kind: 'fan', unit: 'RPM' },
      { name: 'PS1 Status', kind: 'other' },
    ]);
    expect(powerConsumedWatts(sensors)).toBe(212);
    expect(
      powerConsumedWatts(parseSensorList(transcript('sensor-list.txt'))),
    ).toBeUndefined();
  });
});
