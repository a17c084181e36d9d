import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Grid } from '@material-ui/core';
import { metal3ApiRef } from '../../api';
import { useLiveValue } from '../LiveValue';
import { DriftCard, isDriftFinding } from './DriftCard';
import { FindingList } from './FindingList';
import { RemediationHistory } from './RemediationHistory';
import { RunbookCard } from './RunbookCard';

/** The runbook on the host page: its problems, its drift, its remediation history. */
export const HostRunbook = ({
  cluster,
  namespace,
  name,
}: {
  cluster: string;
  namespace: string;
  name: string;
}) => {
  const metal3Api = useApi(metal3ApiRef);
  const state = useLiveValue(
    async () => metal3Api.getHostFindings({ cluster, namespace, name }),
    [metal3Api, cluster, namespace, name],
  );
  return (
    <Box mt={2}>
      <Grid container spacing={2}>
        <Grid item xs={12} md={7}>
          <RunbookCard title="Problems" state={state}>
            {value => (
              <FindingList
                findings={value.findings.filter(f => !isDriftFinding(f))}
                empty={`No runbook check finds a problem with host ${name}.`}
              />
            )}
          </RunbookCard>
        </Grid>
        <Grid item xs={12} md={5}>
          <RunbookCard title="Drift" state={state}>
            {value => <DriftCard findings={value.findings} />}
          </RunbookCard>
        </Grid>
        <Grid item xs={12}>
          <RunbookCard title="Remediation history" state={state}>
            {value => <RemediationHistory remediations={value.remediations} />}
          </RunbookCard>
        </Grid>
      </Grid>
    </Box>
  );
};
