import { Link } from '@backstage/core-components';
import {
  formatDuration,
  HostSummaryDto,
} from '@metal3-fleet/plugin-metal3-common';
import { StatusChip } from '../StatusChip';

const GB = 1e9;

const POWER_LABELS: Record<string, string> = {
  on: 'On',
  off: 'Off',
  'powering-on': 'Powering on',
  'powering-off': 'Powering off',
  unknown: '—',
};

/** One column of the fleet table. */
export interface HostColumn {
  id: string;
  title: string;
  /** The `sort` value of the API, when the column can sort. */
  sort?: string;
  /** The host name stays: without it a row names nothing. */
  required?: boolean;
  render(host: HostSummaryDto): React.ReactNode;
}

export const hostPath = (h: {
  cluster: string;
  namespace: string;
  name: string;
}) => `/metal3/hosts/${h.cluster}/${h.namespace}/${h.name}`;

export const poolPath = (p: {
  cluster: string;
  namespace: string;
  name: string;
}) => `/metal3/pools/${p.cluster}/${p.namespace}/${p.name}`;

export const HOST_COLUMNS: HostColumn[] = [
  {
    id: 'name',
    title: 'Host',
    sort: 'name',
    required: true,
    render: h => <Link to={hostPath(h)}>{h.name}</Link>,
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
      h.pool ? <Link to={poolPath(h.pool)}>{h.pool.name}</Link> : '—',
  },
  {
    id: 'node',
    title: 'Node',
    render: h =>
      h.node
        ? `${h.node.name}${h.node.ready === 'True' ? '' : ' (not ready)'}${
            h.node.unschedulable ? ' (cordoned)' : ''
          }`
        : '—',
  },
  {
    id: 'owner',
    title: 'Owner',
    render: h => h.owner.replace(/^group:default\//, ''),
  },
  {
    id: 'cluster',
    title: 'Cluster',
    sort: 'cluster',
    render: h => <Link to={`/metal3/clusters/${h.cluster}`}>{h.cluster}</Link>,
  },
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

export const ALL_COLUMN_IDS = HOST_COLUMNS.map(c => c.id);
