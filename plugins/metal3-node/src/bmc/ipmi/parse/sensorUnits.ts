import type {
  BmcHealth,
  BmcSensorDto,
} from '@metal3-fleet/plugin-metal3-common';

/**
 * ipmitool's unit names -> the DTO's kind and unit (the Redfish spellings the
 * frontend already shows). Unknown units are kept as written, kind `other`.
 */
export function sensorKindAndUnit(
  name: string,
  ipmiUnit: string,
): Pick<BmcSensorDto, 'kind' | 'unit'> {
  const unit = ipmiUnit.trim().toLowerCase();
  switch (unit) {
    case 'degrees c':
      return { kind: 'temperature', unit: 'Cel' };
    case 'degrees f':
      // Converted to Celsius by the caller (see toReading), so one unit reaches the UI.
      return { kind: 'temperature', unit: 'Cel' };
    case 'rpm':
      return { kind: 'fan', unit: 'RPM' };
    case 'percent':
      // Fan duty cycles are percent sensors named after the fan.
      return { kind: /fan/i.test(name) ? 'fan' : 'other', unit: '%' };
    case 'watts':
      return { kind: 'power', unit: 'W' };
    case 'volts':
      return { kind: 'voltage', unit: 'V' };
    case 'amps':
      return { kind: 'other', unit: 'A' };
    case '':
    case 'discrete':
      return { kind: 'other' };
    default:
      return { kind: 'other', unit: ipmiUnit.trim() };
  }
}

/** A numeric reading; `na`, `No Reading` and discrete hex states are none. */
export function toReading(value: string, ipmiUnit: string): number | undefined {
  if (!/^-?\d+(\.\d+)?$/.test(value.trim())) return undefined;
  const n = Number(value);
  return ipmiUnit.trim().toLowerCase() === 'degrees f'
    ? Math.round(((n - 32) * 5 * 1000) / 9) / 1000
    : n;
}

/**
 * ipmitool's status column: `ok`; non-critical (`nc`, `lnc`, `unc`) is a
 * warning; critical and non-recoverable (`cr`, `nr` and their lower/upper
 * forms) are critical; `na`, `ns` (no reading) and discrete hex states say
 * nothing about health.
 */
export function sensorHealth(status: string): BmcHealth | undefined {
  const s = status.trim().toLowerCase();
  if (s === 'ok') return 'OK';
  if (['nc', 'lnc', 'unc'].includes(s)) return 'Warning';
  if (['cr', 'lcr', 'ucr', 'nr', 'lnr', 'unr'].includes(s)) return 'Critical';
  return undefined;
}

/**
 * The host's power draw: the only watts sensor, or the one named like a
 * total (`Pwr Consumption`, `Total Power`, `System Level`), since PSU input
 * and output sensors would count the same power twice.
 */
export function powerConsumedWatts(
  sensors: BmcSensorDto[],
): number | undefined {
  const watts = sensors.filter(s => s.unit === 'W' && s.reading !== undefined);
  if (watts.length === 1) return watts[0].reading;
  return watts.find(s => /consum|total|system/i.test(s.name))?.reading;
}

/** One sensor row (name, raw value, ipmitool unit, status) as the DTO. */
export function toSensorDto(
  name: string,
  value: string,
  unit: string,
  status: string,
): BmcSensorDto {
  const sensor: BmcSensorDto = { name, ...sensorKindAndUnit(name, unit) };
  const reading = toReading(value, unit);
  if (reading !== undefined) sensor.reading = reading;
  const health = sensorHealth(status);
  if (health) sensor.health = health;
  return sensor;
}
