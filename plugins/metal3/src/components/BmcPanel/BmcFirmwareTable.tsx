import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { BmcFirmwareDto } from '@metal3-fleet/plugin-metal3-common';

const yesNo = (value?: boolean) => {
  if (value === undefined) return '—';
  return value ? 'yes' : 'no';
};

/** Firmware components and their versions. */
export const BmcFirmwareTable = ({
  firmware,
}: {
  firmware: BmcFirmwareDto[];
}) => {
  if (firmware.length === 0) {
    return (
      <Typography variant="body2">The BMC reports no firmware.</Typography>
    );
  }
  return (
    <Table size="small" aria-label="firmware">
      <TableHead>
        <TableRow>
          <TableCell>Component</TableCell>
          <TableCell>Version</TableCell>
          <TableCell>Updateable</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {firmware.map(f => (
          <TableRow key={f.name}>
            <TableCell>{f.name}</TableCell>
            <TableCell>{f.version ?? '—'}</TableCell>
            <TableCell>{yesNo(f.updateable)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
