import {
  formatDuration,
  HostSummaryDto,
} from '@metal3-fleet/plugin-metal3-common';
import { LinkOrText, Metal3Links } from '../../links';
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
  /** `links`: where the plugin's pages are in this app (useMetal3Links). */
  render(host: HostSummaryDto, links: Metal3Links): React.ReactNode;
}

export const HOST_COLUMNS: HostColumn[] = [
  {
    id: 'name',
    title: 'Host',
    sort: 'name',
    required: true,
    render: (h, links) => <LinkOrText to={links.host(h)}>{h.name}</LinkOrText>,
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
    render: (h, links) =>
      h.pool ? (
        <LinkOrText to={links.pool(h.pool)}>{h.pool.name}</LinkOrText>
      ) : (
        '—'
      ),
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
    render: (h, links) => (
      <LinkOrText to={links.cluster(h.cluster)}>{h.cluster}</LinkOrText>
    ),
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
