import type { BmcSensorDto } from '@metal3-fleet/plugin-metal3-common';
import { lines, splitRow } from './keyValue';
import { toSensorDto } from './sensorUnits';

/**
 * `sdr elist` (name | id | status | entity | `48 degrees C`) and `-c sdr list`
 * (name,value,unit,status): the sensors without thresholds, cheaper than
 * `sensor list` on BMCs with many sensors.
 */
export function parseSdrList(text: string): BmcSensorDto[] {
  const sensors: BmcSensorDto[] = [];
  for (const line of lines(text)) {
    const cells = splitRow(line);
    if (cells.length >= 5) {
      const [name, , status, , reading] = cells;
      // `48 degrees C`; discrete sensors show a state text or `No Reading`.
      const match = /^(-?\d+(?:\.\d+)?)\s+(.+)$/.exec(reading);
      sensors.push(
        toSensorDto(name, match?.[1] ?? '', match?.[2] ?? '', status),
      );
    } else if (cells.length === 4) {
      const [name, value, unit, status] = cells;
      sensors.push(toSensorDto(name, value, unit, status));
    }
  }
  return sensors;
}
