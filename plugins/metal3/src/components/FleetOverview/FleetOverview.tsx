import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Grid, Typography, useTheme } from '@material-ui/core';
import { memo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { metal3ApiRef } from '../../api';
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
} from './overviewRows';
import { poolColor } from './poolColors';

/** The fleet filters the overview reads and sets (the page's URL holds them). */
export interface OverviewSelection {
  cluster: string[];
  status: string[];
  pool: string[];
}

export interface FleetOverviewProps {
  /** Names of the configured clusters, one bar each. */
  clusters: string[];
  selection: OverviewSelection;
  onChange(change: Partial<OverviewSelection>): void;
  /** Changes after a write, to count again. */
  reloadKey?: number;
}

const hosts = (count: number) =>
  `${formatCount(count)} host${count === 1 ? '' : 's'}`;

/**
 * Hosts by status and by pool, one bar per cluster. A click on a part
 * filters the table on that cluster and value (a second click clears it); a
 * click on a legend entry filters on the value in every cluster. It writes
 * the page's filters, never state of its own, so the URL stays the one
 * source of truth and the selects and the chart always agree.
 *
 * The counts are the whole fleet's, whatever the other filters: an
 * overview, not a second view of the table. They come from one
 * `GET /hosts?cluster=<name>&limit=1` per cluster (its facets), so the chart
 * loads once, not on every page, sort or search.
 */
export const FleetOverview = memo(function FleetOverview({
  clusters,
  selection,
  onChange,
  reloadKey,
}: FleetOverviewProps) {
  const metal3Api = useApi(metal3ApiRef);
  const counts = useAsync(
    (): Promise<ClusterCounts[]> =>
      Promise.all(
        clusters.map(async cluster => ({
          cluster,
          facets: (await metal3Api.listHosts({ cluster: [cluster], limit: 1 }))
            .facets,
        })),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [metal3Api, clusters.join('\n'), reloadKey],
  );

  let content: React.ReactNode;
  if (counts.error) {
    content = (
      <ResponseErrorPanel
        title="The fleet could not be counted"
        error={counts.error}
      />
    );
  } else if (!counts.value) {
    content = <Progress />;
  } else if (
    counts.value.every(c => Object.keys(c.facets.status ?? {}).length === 0)
  ) {
    content = (
      <Typography>
        No host in any cluster yet: enroll a server with the "Enroll a
        bare-metal host" template.
      </Typography>
    );
  } else {
    content = (
      <Grid container spacing={3}>
        {(['status', 'pool'] as const).map(facet => (
          <Grid item xs={12} lg={6} key={facet}>
            <FacetChart
              facet={facet}
              counts={counts.value!}
              selection={selection}
              onChange={onChange}
            />
          </Grid>
        ))}
      </Grid>
    );
  }
  return <InfoCard title="Fleet overview">{content}</InfoCard>;
});

/** One facet of every cluster: the bars and their legend. */
const FacetChart = ({
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
