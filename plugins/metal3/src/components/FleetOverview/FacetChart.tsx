import { Typography, useTheme } from '@material-ui/core';
import { formatCount } from '../../lib/units';
import {
  ChartLegend,
  StackedBarChart,
  StackedBarRow,
  StackedBarSeries,
} from '../Charts';
import { statusCodeColor } from '../StatusChip';
import {
  ClusterCounts,
  NO_POOL,
  overviewChartData,
  OverviewFacet,
  OverviewSelection,
} from './overviewRows';
import { poolColor } from './poolColors';

const hosts = (count: number) =>
  `${formatCount(count)} host${count === 1 ? '' : 's'}`;

/** One facet of every cluster: the bars and their legend. */
export const FacetChart = ({
  facet,
  counts,
  selection,
  onChange,
}: {
  facet: OverviewFacet;
  counts: ClusterCounts[];
  selection: OverviewSelection;
  onChange(change: Partial<OverviewSelection>): void;
}) => {
  const theme = useTheme();
  const { keys, totals, rows } = overviewChartData(counts, facet);
  const series: StackedBarSeries[] = keys.map((key, index) => ({
    key,
    label: key === NO_POOL ? 'no pool' : key,
    color:
      facet === 'status'
        ? statusCodeColor(theme, key)
        : poolColor(theme, index, key === NO_POOL),
    // The API filters on a pool's name; hosts in no pool have none.
    selectable: key !== NO_POOL,
  }));
  const chosen = selection[facet];
  const filtering = selection.cluster.length > 0 || chosen.length > 0;
  // A part is highlighted when the table shows its hosts.
  const inTable = (row: StackedBarRow, s: StackedBarSeries) =>
    filtering &&
    (selection.cluster.length === 0 || selection.cluster.includes(row.id)) &&
    (chosen.length === 0 || chosen.includes(s.key));
  const isExactly = (row: StackedBarRow, s: StackedBarSeries) =>
    selection.cluster.length === 1 &&
    selection.cluster[0] === row.id &&
    chosen.length === 1 &&
    chosen[0] === s.key;
  const title = `hosts by ${facet}`;

  return (
    <div role="group" aria-label={`${title} per cluster`}>
      <Typography variant="subtitle2" component="h3">
        Hosts by {facet}
      </Typography>
      {keys.length === 0 ? (
        <Typography variant="body2">No host counted.</Typography>
      ) : (
        <StackedBarChart
          title={title}
          rows={rows}
          series={series}
          describe={(row, s, value) =>
            `${row.label}: ${s.label}, ${hosts(value)}`
          }
          isSelected={inTable}
          onSelect={(row, s) =>
            onChange(
              isExactly(row, s)
                ? { cluster: [], [facet]: [] }
                : { cluster: [row.id], [facet]: [s.key] },
            )
          }
        />
      )}
      <ChartLegend
        label={title}
        items={series.map(s => ({
          key: s.key,
          // The facet's own word for the value, as the filter menus show it.
          label: s.key,
          color: s.color,
          count: totals[s.key],
          selected: chosen.includes(s.key),
          onClick:
            s.selectable === false
              ? undefined
              : () =>
                  onChange({
                    [facet]: chosen.includes(s.key) ? [] : [s.key],
                  }),
        }))}
      />
    </div>
  );
};
