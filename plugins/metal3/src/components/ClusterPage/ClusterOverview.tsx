import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Chip, Grid } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { metal3ApiRef } from '../../api';
import { LinkOrText, useMetal3Links } from '../../links';
import { ClusterPools } from './ClusterPools';
import { ClusterProblemPanel } from './ClusterProblemPanel';

/**
 * One cluster as the portal sees it: is the connection healthy (and if not,
 * how old the data is, what is wrong and how to fix it), its hosts by
 * status, its pools.
 */
export const ClusterOverview = ({ name }: { name: string }) => {
  const metal3Api = useApi(metal3ApiRef);
  const links = useMetal3Links();
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
      {(!cluster.connected || cluster.problem) && (
        <Grid item xs={12}>
          <ClusterProblemPanel cluster={cluster} />
        </Grid>
      )}
      <Grid item xs={12} md={5}>
        <InfoCard title="Connection">
          <StructuredMetadataTable
            metadata={{
              cluster: cluster.title,
              'API server': cluster.server ?? '—',
              connection: cluster.connected ? 'connected' : 'unreachable',
              synced: cluster.synced ? 'yes' : 'not yet',
              auth: cluster.authProvider,
              'Cluster API': cluster.capiVersion ?? '—',
              hosts: (
                <LinkOrText to={links.fleet({ cluster: name })}>
                  {cluster.hosts}
                </LinkOrText>
              ),
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
            {Object.entries(hosts.facets.status).map(([status, count]) => {
              const to = links.fleet({ cluster: name, status });
              const label = `${status}: ${count}`;
              return to ? (
                <Chip
                  key={status}
                  label={label}
                  component={Link}
                  to={to}
                  clickable
                />
              ) : (
                <Chip key={status} label={label} />
              );
            })}
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
