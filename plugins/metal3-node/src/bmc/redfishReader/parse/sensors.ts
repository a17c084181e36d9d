import type {
  BmcSensorDto,
  BmcSensorsDto,
} from '@metal3-fleet/plugin-metal3-common';
import { healthOf, num, text } from './text';

const UNIT_KIND: Record<string, BmcSensorDto['kind']> = {
  Cel: 'temperature',
  RPM: 'fan',
  '%': 'fan',
  W: 'power',
  V: 'voltage',
};

const sensor = (
  name: string | undefined,
  kind: BmcSensorDto['kind'],
  reading: unknown,
  unit: string | undefined,
  status: unknown,
): BmcSensorDto[] =>
  name
    ? [
        {
          name,
          kind,
          ...(num(reading) !== undefined && { reading: num(reading) }),
          ...(unit && { unit }),
          ...(healthOf(status) && { health: healthOf(status) }),
        },
      ]
    : [];

/** The deprecated Thermal and Power resources (what most BMCs in the field serve). */
export function parseThermalAndPower(thermal: any, power: any): BmcSensorsDto {
  const sensors = [
    ...(thermal?.Temperatures ?? []).flatMap((t: any) =>
      sensor(text(t?.Name), 'temperature', t?.ReadingCelsius, 'Cel', t?.Status),
    ),
    ...(thermal?.Fans ?? []).flatMap((f: any) =>
      sensor(
        text(f?.Name) ?? text(f?.FanName),
        'fan',
        f?.Reading,
        f?.ReadingUnits === 'Percent' ? '%' : text(f?.ReadingUnits) ?? 'RPM',
        f?.Status,
      ),
    ),
    ...(power?.Voltages ?? []).flatMap((v: any) =>
      sensor(text(v?.Name), 'voltage', v?.ReadingVolts, 'V', v?.Status),
    ),
    ...(power?.PowerSupplies ?? []).flatMap((p: any) =>
      sensor(
        text(p?.Name) ?? text(p?.MemberId),
        'power',
        p?.LastPowerOutputWatts ?? p?.PowerOutputWatts,
        'W',
        p?.Status,
      ),
    ),
  ];
  const consumed = num(power?.PowerControl?.[0]?.PowerConsumedWatts);
  return {
    sensors,
    ...(consumed !== undefined && { powerConsumedWatts: consumed }),
  };
}

/** Sensor resources (`{chassis}/Sensors/{id}`, Chassis v1_9+). */
export function parseSensorResources(resources: any[]): BmcSensorsDto {
  const sensors = resources.flatMap(s => {
    const unit = text(s?.ReadingUnits);
    const byUnit = unit ? UNIT_KIND[unit] : undefined;
    const kind =
      byUnit ?? (s?.ReadingType === 'Temperature' ? 'temperature' : 'other');
    return sensor(
      text(s?.Name) ?? text(s?.Id),
      kind,
      s?.Reading,
      unit,
      s?.Status,
    );
  });
  // A total power sensor, when the chassis has one, gives the consumption.
  const total = resources.find(
    s =>
      s?.ReadingUnits === 'W' &&
      /total|consum|chassis/i.test(`${s?.Id} ${s?.Name}`),
  );
  const watts = num(total?.Reading);
  return { sensors, ...(watts !== undefined && { powerConsumedWatts: watts }) };
}
