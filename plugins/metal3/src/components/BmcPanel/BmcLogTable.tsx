import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { BmcLogEntryDto } from '@metal3-fleet/plugin-metal3-common';
import { BmcHealthChip } from './BmcHealthChip';

/** How many SEL entries the panel shows: the recent ones matter. */
export const LOG_LIMIT = 20;

/** The newest system event log entries. */
export const BmcLogTable = ({ entries }: { entries: BmcLogEntryDto[] }) => {
  if (entries.length === 0) {
    return <Typography variant="body2">The event log is empty.</Typography>;
  }
  const recent = [...entries]
    .sort((a, b) => (b.created ?? '').localeCompare(a.created ?? ''))
    .slice(0, LOG_LIMIT);
  return (
    <Table size="small" aria-label="event log">
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>Severity</TableCell>
          <TableCell>Message</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {recent.map((entry, i) => (
          <TableRow key={entry.id ?? i}>
            <TableCell>
              {entry.created ? new Date(entry.created).toLocaleString() : '—'}
            </TableCell>
            <TableCell>
              <BmcHealthChip health={entry.severity} />
            </TableCell>
            <TableCell>{entry.message}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
