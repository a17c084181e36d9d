import { LinkButton } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Grid } from '@material-ui/core';
import { metal3ApiRef } from '../../api';
import { useMetal3Links } from '../../links';
import { useLiveValue } from '../LiveValue';
import { FindingList } from './FindingList';
import { RunbookCard } from './RunbookCard';
import { isStackFinding, StackCard } from './StackCard';

/**
 * The runbook on the cluster page: the "Metal3 stack" card, the cluster's
 * other checks (ProviderNetwork coverage) and the way to its images.
 */
export const ClusterRunbook = ({ name }: { name: string }) => {
  const metal3Api = useApi(metal3ApiRef);
  const links = useMetal3Links();
  const state = useLiveValue(
    async () => metal3Api.getClusterFindings(name),
    [metal3Api, name],
  );
  const images = links.images(name);
  return (
    <Box mt={2}>
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <RunbookCard title="Metal3 stack" state={state}>
            {value => <StackCard value={value} />}
          </RunbookCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <RunbookCard title="Cluster checks" state={state}>
            {value => (
              <FindingList
                findings={value.findings.filter(f => !isStackFinding(f))}
                empty={`No runbook check finds a problem with cluster ${name}'s networks.`}
              />
            )}
          </RunbookCard>
          {images && (
            <Box mt={2}>
              <LinkButton to={images} variant="outlined" size="small">
                OS images in use
              </LinkButton>
            </Box>
          )}
        </Grid>
      </Grid>
    </Box>
  );
};
