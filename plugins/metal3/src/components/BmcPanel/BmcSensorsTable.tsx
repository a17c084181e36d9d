import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { BmcSensorDto } from '@metal3-fleet/plugin-metal3-common';
import { BmcHealthChip } from './BmcHealthChip';

const UNITS: Record<string, string> = { Cel: '°C' };
const RANK = { Critical: 0, Warning: 1, OK: 2 } as const;

/** Sensor readings, the unhealthy ones first. */
export const BmcSensorsTable = ({ sensors }: { sensors: BmcSensorDto[] }) => {
  if (sensors.length === 0) {
    return <Typography variant="body2">The BMC reports no sensors.</Typography>;
  }
  const sorted = [...sensors].sort(
    (a, b) =>
      (RANK[a.health ?? 'OK'] ?? 2) - (RANK[b.health ?? 'OK'] ?? 2) ||
      a.kind.localeCompare(b.kind) ||
      a.name.localeCompare(b.name),
  );
  return (
    <Table size="small" aria-label="sensors">
      <TableHead>
        <TableRow>
          <TableCell>Sensor</TableCell>
          <TableCell>Kind</TableCell>
          <TableCell>Reading</TableCell>
          <TableCell>Health</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sorted.map(sensor => (
          <TableRow key={`${sensor.kind}/${sensor.name}`}>
            <TableCell>{sensor.name}</TableCell>
            <TableCell>{sensor.kind}</TableCell>
            <TableCell>
              {sensor.reading === undefined
                ? '—'
                : `${sensor.reading} ${
                    UNITS[sensor.unit ?? ''] ?? sensor.unit ?? ''
                  }`.trim()}
            </TableCell>
            <TableCell>
              <BmcHealthChip health={sensor.health} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
