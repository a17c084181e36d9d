import { Link } from '@backstage/core-components';
import {
  formatDuration,
  HostSummaryDto,
} from '@metal3-fleet/plugin-metal3-common';
import { CSSProperties } from 'react';
import { formatBytes, formatCount, formatGiB } from '../../lib/units';
import { Metal3Links } from '../../links';
import { StatusChip } from '../StatusChip';

const POWER_LABELS: Record<string, string> = {
  on: 'On',
  off: 'Off',
  'powering-on': 'Powering on',
  'powering-off': 'Powering off',
  unknown: '—',
};

/**
 * Viewport widths at which more columns show by default: 1280 px (a small
 * laptop) shows what tells hosts apart and what is wrong, 1440 px adds the
 * size of each host, 1920 px its identity. The column chooser has the rest.
 */
export const VIEWPORT_STEPS = [1440, 1920] as const;
export type ViewportStep = 0 | (typeof VIEWPORT_STEPS)[number];

/** One column of the fleet table. */
export interface HostColumn {
  id: string;
  title: string;
  /** The `sort` value of the API, when the column can sort. */
  sort?: string;
  /** The host name stays: without it a row names nothing. */
  required?: boolean;
  /**
   * Shown by default from this viewport width on (px); always when absent,
   * never when `false` (the column chooser offers it).
   */
  defaultFrom?: ViewportStep | false;
  /** `links`: where the plugin's pages are in this app (useMetal3Links). */
  render(host: HostSummaryDto, links: Metal3Links): React.ReactNode;
}

// One style object per width, shared by every cell: a long name ends in an
// ellipsis on one line (its title attribute has it whole) instead of
// widening or wrapping the table.
const clipStyle = (maxWidth: string): CSSProperties => ({
  display: 'inline-block',
  maxWidth,
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  verticalAlign: 'bottom',
});
const NAME = clipStyle('16em');
const LONG = clipStyle('18em');

const Clipped = ({
  text,
  style,
  to,
}: {
  text: string;
  style: CSSProperties;
  /** Absent when the page is not mounted in this app (useMetal3Links). */
  to?: string;
}) =>
  to ? (
    <Link to={to} title={text} style={style}>
      {text}
    </Link>
  ) : (
    <span title={text} style={style}>
      {text}
    </span>
  );

const nodeText = (node: NonNullable<HostSummaryDto['node']>) =>
  `${node.name}${node.ready === 'True' ? '' : ' (not ready)'}${
    node.unschedulable ? ' (cordoned)' : ''
  }`;

export const HOST_COLUMNS: HostColumn[] = [
  {
    id: 'name',
    title: 'Host',
    sort: 'name',
    required: true,
    render: (h, links) => (
      <Clipped text={h.name} style={NAME} to={links.host(h)} />
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
    render: (h, links) =>
      h.pool ? (
        <Clipped text={h.pool.name} style={NAME} to={links.pool(h.pool)} />
      ) : (
        '—'
      ),
  },
  {
    id: 'node',
    title: 'Node',
    render: h =>
      h.node ? <Clipped text={nodeText(h.node)} style={NAME} /> : '—',
  },
  {
    id: 'owner',
    title: 'Owner',
    defaultFrom: 1920,
    render: h => (
      <Clipped text={h.owner.replace(/^group:default\//, '')} style={NAME} />
    ),
  },
  {
    id: 'cluster',
    title: 'Cluster',
    sort: 'cluster',
    render: (h, links) => (
      <Clipped text={h.cluster} style={NAME} to={links.cluster(h.cluster)} />
    ),
  },
  {
    id: 'bmc',
    title: 'BMC',
    defaultFrom: false,
    render: h => h.bmc.protocol ?? '—',
  },
  {
    id: 'vendor',
    title: 'Vendor / model',
    sort: 'vendor',
    defaultFrom: 1920,
    render: h => {
      const text = [h.hardware?.manufacturer, h.hardware?.productName]
        .filter(Boolean)
        .join(' ');
      return text ? <Clipped text={text} style={LONG} /> : '—';
    },
  },
  {
    id: 'cores',
    title: 'Cores',
    sort: 'cores',
    defaultFrom: 1440,
    render: h =>
      h.hardware?.cpuCores !== undefined
        ? formatCount(h.hardware.cpuCores)
        : '—',
  },
  {
    id: 'ram',
    title: 'RAM',
    sort: 'ram',
    defaultFrom: 1440,
    render: h => (h.hardware?.ramGiB ? formatGiB(h.hardware.ramGiB) : '—'),
  },
  {
    id: 'disks',
    title: 'Disks',
    defaultFrom: 1920,
    render: h => {
      const count = h.hardware?.diskCount;
      if (!count) return '—';
      const total = formatBytes(h.hardware?.diskTotalBytes ?? 0);
      return (
        <span title={`${count} disk${count === 1 ? '' : 's'}, ${total}`}>
          {`${total} (${count})`}
        </span>
      );
    },
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

/**
 * The columns shown by default at a viewport width: the wider the screen,
 * the more columns, so a small laptop neither scrolls nor squeezes.
 */
export function defaultColumnIds(viewportWidth: number): string[] {
  return HOST_COLUMNS.filter(
    c =>
      c.required ||
      c.defaultFrom === undefined ||
      (c.defaultFrom !== false && viewportWidth >= c.defaultFrom),
  ).map(c => c.id);
}
