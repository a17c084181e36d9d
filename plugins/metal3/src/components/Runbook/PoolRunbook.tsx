import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Grid } from '@material-ui/core';
import { metal3ApiRef, PoolDetailDto } from '../../api';
import { useLiveValue } from '../LiveValue';
import { PoolRemediationCard } from './PoolRemediationCard';
import { ProblemsCard } from './ProblemsCard';

/** The runbook on the pool page: its problems (and its members') and its remediation. */
export const PoolRunbook = ({ pool }: { pool: PoolDetailDto }) => {
  const metal3Api = useApi(metal3ApiRef);
  const { cluster, namespace, name } = pool;
  const findings = useLiveValue(
    async () => metal3Api.getPoolFindings({ cluster, namespace, name }),
    [metal3Api, cluster, namespace, name],
  );
  return (
    <Box mt={2}>
      <Grid container spacing={2}>
        <Grid item xs={12} md={7}>
          <ProblemsCard state={findings} what={`pool ${name}`} />
        </Grid>
        <Grid item xs={12} md={5}>
          <PoolRemediationCard pool={pool} />
        </Grid>
      </Grid>
    </Box>
  );
};
