import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Chip, Grid } from '@material-ui/core';
import { formatDuration } from '@metal3-fleet/plugin-metal3-common';
import useAsync from 'react-use/esm/useAsync';
import { metal3ApiRef } from '../../api';
import { ClusterPools } from './ClusterPools';

const fleetLink = (cluster: string, status?: string) =>
  `/metal3?cluster=${encodeURIComponent(cluster)}${
    status ? `&status=${encodeURIComponent(status)}` : ''
  }`;

/**
 * One cluster as the portal sees it: is the connection healthy (and how old
 * is the data if not), its hosts by status, its pools.
 */
export const ClusterOverview = ({ name }: { name: string }) => {
  const metal3Api = useApi(metal3ApiRef);
  const { value, loading, error } = useAsync(async () => {
    const [clusters, hosts, pools] = await Promise.all([
      metal3Api.listClusters(),
      metal3Api.listHosts({ cluster: [name], limit: 1 }),
      metal3Api.listPools(),
    ]);
    return {
      cluster: clusters.find(c => c.name === name),
      hosts,
      pools: pools.filter(p => p.cluster === name),
    };
  }, [metal3Api, name]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const { cluster, hosts, pools } = value;
  if (!cluster) {
    return (
      <EmptyState
        missing="data"
        title={`No cluster named ${name} is configured`}
        description="Clusters are listed under metal3.clusters in app-config.yaml."
      />
    );
  }

  return (
    <Grid container spacing={2}>
      {!cluster.connected && (
        <Grid item xs={12}>
          <WarningPanel
            severity={cluster.synced ? 'warning' : 'error'}
            title={
              cluster.staleSince
                ? `Unreachable: showing data from ${formatDuration(
                    (Date.now() - Date.parse(cluster.staleSince)) / 1000,
                  )} ago`
                : 'Not connected: no data yet'
            }
            message={cluster.lastError}
          />
        </Grid>
      )}
      <Grid item xs={12} md={5}>
        <InfoCard title="Connection">
          <StructuredMetadataTable
            metadata={{
              cluster: cluster.title,
              connection: cluster.connected ? 'connected' : 'unreachable',
              synced: cluster.synced ? 'yes' : 'not yet',
              auth: cluster.authProvider,
              'Cluster API': cluster.capiVersion ?? '—',
              hosts: <Link to={fleetLink(name)}>{cluster.hosts}</Link>,
              pools: cluster.pools,
            }}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard title={`Hosts by status (${hosts.total})`}>
          <Box
            display="flex"
            flexWrap="wrap"
            style={{ gap: 8 }}
            aria-label="hosts by status"
          >
            {Object.entries(hosts.facets.status).map(([status, count]) => (
              <Chip
                key={status}
                label={`${status}: ${count}`}
                component={Link}
                to={fleetLink(name, status)}
                clickable
              />
            ))}
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title={`Pools (${pools.length})`} noPadding>
          <ClusterPools pools={pools} />
        </InfoCard>
      </Grid>
    </Grid>
  );
};
