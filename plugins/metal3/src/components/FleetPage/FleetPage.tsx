import {
  Content,
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Button, Chip, Grid, Typography } from '@material-ui/core';
import { formatDuration } from '@internal/plugin-metal3-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { metal3ApiRef } from '../../api';
import { FleetFilters, useFleetFilters } from '../FleetFilters';
import { HostTable } from '../HostTable';

const PAGE_SIZE = 50;

/**
 * The fleet page: every host of every configured cluster, filtered and paged
 * on the server (so it stays quick at 10,000 hosts), with counts by status.
 */
export const FleetPage = () => {
  const metal3Api = useApi(metal3ApiRef);
  const { params, update } = useFleetFilters();
  // Cursor of each page visited, so "previous" needs no server state.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = cursors.length - 1;
  useEffect(() => setCursors([undefined]), [params]);

  const clusters = useAsync(() => metal3Api.listClusters(), [metal3Api]);
  const hosts = useAsync(
    () =>
      metal3Api.listHosts({
        ...params,
        limit: PAGE_SIZE,
        cursor: cursors[page],
      }),
    [metal3Api, params, cursors],
  );

  if (clusters.error) {
    return (
      <Content>
        <ResponseErrorPanel error={clusters.error} />
      </Content>
    );
  }
  if (clusters.value && clusters.value.length === 0) {
    return (
      <Content>
        <EmptyState
          missing="data"
          title="No clusters configured"
          description="Add a cluster under metal3.clusters in app-config.yaml, or enable the embedded lab (metal3.lab.enabled: true)."
        />
      </Content>
    );
  }

  const down = (clusters.value ?? []).filter(c => !c.connected);
  const statusCounts = hosts.value?.facets.status ?? {};

  return (
    <Content>
      {down.map(cluster => (
        <WarningPanel
          key={cluster.name}
          severity={cluster.synced ? 'warning' : 'error'}
          title={
            cluster.staleSince
              ? `Cluster ${
                  cluster.title
                } is unreachable: showing data from ${formatDuration(
                  (Date.now() - Date.parse(cluster.staleSince)) / 1000,
                )} ago`
              : `Cluster ${cluster.title} is not connected`
          }
          message={cluster.lastError}
        />
      ))}
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <Box
            display="flex"
            flexWrap="wrap"
            style={{ gap: 8 }}
            aria-label="hosts by status"
          >
            {Object.entries(statusCounts).map(([status, count]) => (
              <Chip
                key={status}
                label={`${status}: ${count}`}
                clickable
                color={params.status?.includes(status) ? 'primary' : 'default'}
                onClick={() =>
                  update({
                    status: params.status?.includes(status) ? [] : [status],
                  })
                }
              />
            ))}
          </Box>
        </Grid>
        <Grid item xs={12}>
          <FleetFilters
            params={params}
            facets={hosts.value?.facets}
            onChange={update}
          />
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title={`Hosts${hosts.value ? ` (${hosts.value.total})` : ''}`}
            noPadding
          >
            {hosts.loading && <Progress />}
            {hosts.error && <ResponseErrorPanel error={hosts.error} />}
            {hosts.value && hosts.value.total === 0 && (
              <Box p={2}>
                <Typography>No host matches these filters.</Typography>
              </Box>
            )}
            {hosts.value && hosts.value.total > 0 && (
              <>
                <HostTable
                  hosts={hosts.value.items}
                  sort={params.sort ?? 'name'}
                  onSort={sort => update({ sort })}
                />
                <Box
                  display="flex"
                  justifyContent="flex-end"
                  alignItems="center"
                  p={1}
                  style={{ gap: 8 }}
                >
                  <Typography variant="body2">
                    {page * PAGE_SIZE + 1}–
                    {page * PAGE_SIZE + hosts.value.items.length} of{' '}
                    {hosts.value.total}
                  </Typography>
                  <Button
                    size="small"
                    disabled={page === 0}
                    onClick={() => setCursors(c => c.slice(0, -1))}
                  >
                    Previous
                  </Button>
                  <Button
                    size="small"
                    disabled={!hosts.value.nextCursor}
                    onClick={() =>
                      setCursors(c => [...c, hosts.value!.nextCursor])
                    }
                  >
                    Next
                  </Button>
                </Box>
              </>
            )}
          </InfoCard>
        </Grid>
      </Grid>
    </Content>
  );
};
