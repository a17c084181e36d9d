import type { BmcSensorDto } from '@metal3-fleet/plugin-metal3-common';
import { lines, splitRow } from './keyValue';
import { toSensorDto } from './sensorUnits';

/**
 * `sensor list` (and `-c sensor list`): name | value | unit | status |
 * thresholds…; the thresholds are not needed for the DTO.
 */
export function parseSensorList(text: string): BmcSensorDto[] {
  const sensors: BmcSensorDto[] = [];
  for (const line of lines(text)) {
    const [name, value, unit, status] = splitRow(line);
    if (!name || status === undefined) continue;
    sensors.push(toSensorDto(name, value, unit, status));
  }
  return sensors;
}
