import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Grid, Typography } from '@material-ui/core';
import { memo, useDeferredValue } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { metal3ApiRef } from '../../api';
import { FacetChart } from './FacetChart';
import { ClusterCounts, OverviewSelection } from './overviewRows';

export interface FleetOverviewProps {
  /** Names of the configured clusters, one bar each. */
  clusters: string[];
  selection: OverviewSelection;
  onChange(change: Partial<OverviewSelection>): void;
  /** Changes after a write, to count again. */
  reloadKey?: number;
}

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
export const FleetOverview = memo(function FleetOverviewCard({
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

  // Drawn as a transition: React builds the charts in slices, so their
  // first render is no long task for a page the user already scrolls.
  const shown = useDeferredValue(counts.value);

  let content: React.ReactNode;
  if (counts.error) {
    content = (
      <ResponseErrorPanel
        title="The fleet could not be counted"
        error={counts.error}
      />
    );
  } else if (!shown) {
    content = <Progress />;
  } else if (
    shown.every(c => Object.keys(c.facets.status ?? {}).length === 0)
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
              counts={shown}
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
