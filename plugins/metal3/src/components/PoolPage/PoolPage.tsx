import {
  Content,
  InfoCard,
  StructuredMetadataTable,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Chip, Grid, Typography } from '@material-ui/core';
import { useParams } from 'react-router-dom';
import { metal3ApiRef } from '../../api';
import { PendingApprovals } from '../Approvals';
import { Pending, useLiveValue } from '../LiveValue';
import { HostTable } from '../HostTable';
import { PoolCapacity } from './PoolCapacity';
import { PoolRunbook } from '../Runbook';
import { PoolTemplateButtons } from './PoolTemplateButtons';
import { RemoveHostLink } from './RemoveHostLink';

/** One worker pool: replicas, capacity, image, members, health checks. @public */
export const PoolPage = () => {
  const { cluster = '', namespace = '', name = '' } = useParams();
  const metal3Api = useApi(metal3ApiRef);
  const {
    value: pool,
    loading,
    error,
  } = useLiveValue(
    () => metal3Api.getPool({ cluster, namespace, name }),
    [metal3Api, cluster, namespace, name],
  );

  if (!pool) {
    return <Pending hasValue={false} loading={loading} error={error} />;
  }

  return (
    <Content>
      <Box display="flex" alignItems="center" style={{ gap: 16 }} mb={2}>
        <Typography variant="h4">{pool.name}</Typography>
        <Chip
          label={pool.health.label}
          color={pool.health.code === 'healthy' ? 'primary' : 'secondary'}
        />
        <PoolTemplateButtons pool={pool} />
      </Box>
      {pool.stale && (
        <WarningPanel
          severity="warning"
          title="This cluster is unreachable: the data shown is not live"
        />
      )}
      {pool.health.problems.map(problem => (
        <WarningPanel key={problem} severity="warning" title={problem} />
      ))}
      <PendingApprovals target={pool} />
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <PoolCapacity pool={pool} loading={loading} error={error} />
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Replicas">
            <StructuredMetadataTable
              metadata={{
                desired: pool.desiredReplicas,
                current: pool.replicas,
                ready: pool.readyReplicas,
                available: pool.availableReplicas,
                'up to date': pool.upToDateReplicas,
                phase: pool.phase ?? '—',
                'free matching hosts': pool.freeMatchingHosts,
                'max surge / unavailable': `${pool.maxSurge ?? '—'} / ${
                  pool.maxUnavailable ?? '—'
                }`,
              }}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Template">
            <StructuredMetadataTable
              metadata={{
                cluster: pool.cluster,
                'CAPI cluster': pool.clusterName ?? '—',
                'Kubernetes version': pool.version ?? '—',
                template: pool.template?.name ?? '—',
                image: pool.template?.imageUrl ?? '—',
                'host selector': pool.template?.hostSelector || '(any host)',
                // Health checks and remediations: the Remediation card (PoolRunbook).
              }}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title={`Member hosts (${pool.members.length})`} noPadding>
            {pool.members.length === 0 ? (
              <Box p={2}>
                <Typography>
                  No host is in this pool yet
                  {pool.desiredReplicas > 0 &&
                    ` (${pool.freeMatchingHosts} free host${
                      pool.freeMatchingHosts === 1 ? '' : 's'
                    } match its selector)`}
                  .
                </Typography>
              </Box>
            ) : (
              <HostTable
                hosts={pool.members}
                sort="name"
                onSort={() => {}}
                columns={[
                  'status',
                  'power',
                  'node',
                  'vendor',
                  'cores',
                  'ram',
                  'time',
                ]}
                rowAction={host => <RemoveHostLink host={host} />}
              />
            )}
          </InfoCard>
        </Grid>
      </Grid>
      <PoolRunbook pool={pool} />
    </Content>
  );
};
