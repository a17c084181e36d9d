import {
  Checkbox,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TableSortLabel,
  Typography,
  useTheme,
} from '@material-ui/core';
import { HostSummaryDto } from '@metal3-fleet/plugin-metal3-common';
import { Fragment, memo, useMemo } from 'react';
import { Metal3Links, useMetal3Links } from '../../links';
import { HOST_COLUMNS, HostColumn } from './columns';
import { GroupBy, groupHosts } from './grouping';

/** Row selection, owned by the page so it survives paging. */
export interface HostSelection {
  isSelected(host: HostSummaryDto): boolean;
  /** Selects every given host, or clears them all when all were selected. */
  toggle(hosts: HostSummaryDto[]): void;
}

export interface HostTableProps {
  hosts: HostSummaryDto[];
  sort: string;
  onSort(sort: string): void;
  /** Ids of the columns to show; every column when absent. */
  columns?: string[];
  selection?: HostSelection;
  groupBy?: GroupBy;
  /** Fleet-wide count per group key (the API's facet), for the group headers. */
  groupTotals?: Record<string, number>;
  /** Extra last cell per row, e.g. a link to a template for that host. */
  rowAction?(host: HostSummaryDto): React.ReactNode;
}

/** Checkbox that selects a set of rows: one row, a group or the page. */
const SelectBox = ({
  hosts,
  selection,
  label,
}: {
  hosts: HostSummaryDto[];
  selection: HostSelection;
  label: string;
}) => {
  const selected = hosts.filter(h => selection.isSelected(h)).length;
  return (
    <Checkbox
      size="small"
      checked={hosts.length > 0 && selected === hosts.length}
      indeterminate={selected > 0 && selected < hosts.length}
      onChange={() => selection.toggle(hosts)}
      inputProps={{ 'aria-label': label }}
    />
  );
};

/**
 * One host. Memoized: a selection change or a reload that returns an equal
 * row re-renders only the rows it changes (the fleet page can hold 200).
 */
const HostRow = memo(function HostRowCells({
  host,
  columns,
  selected,
  onToggle,
  rowAction,
  links,
}: {
  host: HostSummaryDto;
  columns: HostColumn[];
  /** Whether the row is selected; absent when rows cannot be selected. */
  selected?: boolean;
  onToggle?: HostSelection['toggle'];
  rowAction?(host: HostSummaryDto): React.ReactNode;
  links: Metal3Links;
}) {
  const theme = useTheme();
  return (
    <TableRow hover selected={selected ?? false}>
      {onToggle && (
        <TableCell padding="checkbox" style={{ textAlign: 'center' }}>
          {/* A native checkbox: one element where Material UI's is seven,
              times every row of the page (layout and paint per page flip). */}
          <input
            type="checkbox"
            checked={selected ?? false}
            onChange={() => onToggle([host])}
            aria-label={`select ${host.name}`}
            style={{ accentColor: theme.palette.primary.main, margin: 0 }}
          />
        </TableCell>
      )}
      {columns.map(column => (
        <TableCell key={column.id}>{column.render(host, links)}</TableCell>
      ))}
      {rowAction && <TableCell>{rowAction(host)}</TableCell>}
    </TableRow>
  );
});

/** The fleet table: one page of hosts as the API returned it. */
export const HostTable = ({
  hosts,
  sort,
  onSort,
  columns,
  selection,
  groupBy,
  groupTotals,
  rowAction,
}: HostTableProps) => {
  const links = useMetal3Links();
  const descending = sort.startsWith('-');
  const sortField = descending ? sort.slice(1) : sort;
  // The same array while the chosen columns stay, so memoized rows stay too.
  const shown = useMemo(
    () =>
      HOST_COLUMNS.filter(
        c => c.required || !columns || columns.includes(c.id),
      ),
    [columns],
  );
  const width = shown.length + (selection ? 1 : 0) + (rowAction ? 1 : 0);
  const groups = groupBy
    ? groupHosts(hosts, groupBy)
    : [{ key: '', label: '', hosts }];

  return (
    <TableContainer>
      <Table size="small" aria-label="bare-metal hosts">
        <TableHead>
          <TableRow>
            {selection && (
              <TableCell padding="checkbox">
                <SelectBox
                  hosts={hosts}
                  selection={selection}
                  label="select every host on this page"
                />
              </TableCell>
            )}
            {shown.map(column => (
              <TableCell key={column.id}>
                {column.sort ? (
                  <TableSortLabel
                    active={sortField === column.sort}
                    direction={
                      sortField === column.sort && descending ? 'desc' : 'asc'
                    }
                    onClick={() =>
                      onSort(
                        sortField === column.sort && !descending
                          ? `-${column.sort}`
                          : column.sort!,
                      )
                    }
                  >
                    {column.title}
                  </TableSortLabel>
                ) : (
                  column.title
                )}
              </TableCell>
            ))}
            {rowAction && <TableCell />}
          </TableRow>
        </TableHead>
        <TableBody>
          {groups.map(group => (
            <Fragment key={group.key || 'all'}>
              {groupBy && (
                <TableRow aria-label={`group ${group.label}`}>
                  <TableCell
                    colSpan={width}
                    style={{ background: 'rgba(0,0,0,0.04)' }}
                  >
                    {selection && (
                      <SelectBox
                        hosts={group.hosts}
                        selection={selection}
                        label={`select group ${group.label}`}
                      />
                    )}
                    <Typography variant="subtitle2" component="span">
                      {group.label}
                    </Typography>{' '}
                    <Typography variant="caption" component="span">
                      {group.hosts.length} on this page
                      {groupTotals?.[group.key] !== undefined &&
                        `, ${groupTotals[group.key]} in all`}
                    </Typography>
                  </TableCell>
                </TableRow>
              )}
              {group.hosts.map((host, index) => (
                <HostRow
                  // Keyed by position: the next page reuses the rows' DOM
                  // and changes their text, so the browser restyles and
                  // lays out far less than for 50 new rows (the UI
                  // benchmark's longest task is that frame).
                  key={index}
                  host={host}
                  columns={shown}
                  selected={selection?.isSelected(host)}
                  onToggle={selection?.toggle}
                  rowAction={rowAction}
                  links={links}
                />
              ))}
            </Fragment>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
};
