import {
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TableSortLabel,
} from '@material-ui/core';
import { Link } from '@backstage/core-components';
import { formatDuration, HostSummaryDto } from '@internal/plugin-metal3-common';
import { StatusChip } from '../StatusChip';

const GB = 1e9;

const POWER_LABELS: Record<string, string> = {
  on: 'On',
  off: 'Off',
  'powering-on': 'Powering on',
  'powering-off': 'Powering off',
  unknown: '—',
};

interface Column {
  id: string;
  title: string;
  /** The `sort` value of the API, when the column can sort. */
  sort?: string;
  render(host: HostSummaryDto): React.ReactNode;
}

const COLUMNS: Column[] = [
  {
    id: 'name',
    title: 'Host',
    sort: 'name',
    render: h => (
      <Link to={`/metal3/hosts/${h.cluster}/${h.namespace}/${h.name}`}>
        {h.name}
      </Link>
    ),
  },
  {
    id: 'status',
    title: 'Status',
    sort: 'status',
    render: h => <StatusChip status={h.status} />,
  },
  { id: 'power', title: 'Power', render: h => POWER_LABELS[h.status.power] },
  {
    id: 'pool',
    title: 'Pool',
    sort: 'pool',
    render: h =>
      h.pool ? (
        <Link
          to={`/metal3/pools/${h.pool.cluster}/${h.pool.namespace}/${h.pool.name}`}
        >
          {h.pool.name}
        </Link>
      ) : (
        '—'
      ),
  },
  {
    id: 'node',
    title: 'Node',
    render: h =>
      h.node
        ? `${h.node.name}${h.node.ready === 'True' ? '' : ' (not ready)'}`
        : '—',
  },
  {
    id: 'owner',
    title: 'Owner',
    render: h => h.owner.replace(/^group:default\//, ''),
  },
  { id: 'cluster', title: 'Cluster', sort: 'cluster', render: h => h.cluster },
  { id: 'bmc', title: 'BMC', render: h => h.bmc.protocol ?? '—' },
  {
    id: 'vendor',
    title: 'Vendor / model',
    sort: 'vendor',
    render: h =>
      [h.hardware?.manufacturer, h.hardware?.productName]
        .filter(Boolean)
        .join(' ') || '—',
  },
  {
    id: 'cores',
    title: 'Cores',
    sort: 'cores',
    render: h => h.hardware?.cpuCores ?? '—',
  },
  {
    id: 'ram',
    title: 'RAM',
    sort: 'ram',
    render: h => (h.hardware?.ramGiB ? `${h.hardware.ramGiB} GiB` : '—'),
  },
  {
    id: 'disks',
    title: 'Disks',
    render: h =>
      h.hardware?.diskCount
        ? `${h.hardware.diskCount}, ${Math.round(
            (h.hardware.diskTotalBytes ?? 0) / GB,
          )} GB`
        : '—',
  },
  {
    id: 'time',
    title: 'In state',
    sort: 'timeInState',
    render: h =>
      h.timeInStateSeconds !== undefined ? (
        <span
          style={h.stuck ? { color: '#c62828', fontWeight: 600 } : undefined}
        >
          {formatDuration(h.timeInStateSeconds)}
          {h.stuck ? ' (stuck)' : ''}
        </span>
      ) : (
        '—'
      ),
  },
];

export interface HostTableProps {
  hosts: HostSummaryDto[];
  sort: string;
  onSort(sort: string): void;
}

/** The fleet table: one page of hosts as the API returned it. */
export const HostTable = ({ hosts, sort, onSort }: HostTableProps) => {
  const descending = sort.startsWith('-');
  const sortField = descending ? sort.slice(1) : sort;
  return (
    <TableContainer>
      <Table size="small" aria-label="bare-metal hosts">
        <TableHead>
          <TableRow>
            {COLUMNS.map(column => (
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
          </TableRow>
        </TableHead>
        <TableBody>
          {hosts.map(host => (
            <TableRow
              key={`${host.cluster}/${host.namespace}/${host.name}`}
              hover
            >
              {COLUMNS.map(column => (
                <TableCell key={column.id}>{column.render(host)}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
};
