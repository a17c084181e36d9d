import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import {
  alertApiRef,
  identityApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import {
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Grid,
  TextField,
  Typography,
} from '@material-ui/core';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ApprovalDto, metal3ApiRef } from '../../api';
import { LinkOrText, useMetal3Links } from '../../links';
import { errorMessage } from '../../lib/errorMessage';
import { ApprovalImpact } from './ApprovalImpact';
import { formatTime, outcomeLine, STATE_LABELS } from './approvalWords';

type Decision = 'approve' | 'reject';

/**
 * Whether the signed-in person asked for this approval: they may withdraw it.
 * Read from the identity here rather than sent by the backend, which checks
 * it again on withdraw (only the requester may).
 */
function useIsRequester(approval: ApprovalDto): boolean {
  const identityApi = useApi(identityApiRef);
  const { value } = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
  return value !== undefined && value === approval.requestedBy;
}

/**
 * One approval: what is asked, by whom, until when, its impact, and the
 * buttons to decide it. The buttons are shown disabled, with the reason
 * beside them, to whoever may not decide (the requester, someone without
 * metal3.approval.decide): the backend refuses them anyway.
 */
export const ApprovalCard = ({
  approval,
  onChange,
}: {
  approval: ApprovalDto;
  onChange(approval: ApprovalDto): void;
}) => {
  const metal3Api = useApi(metal3ApiRef);
  const alertApi = useApi(alertApiRef);
  const links = useMetal3Links();
  const [asking, setAsking] = useState<Decision>();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const { target } = approval;
  const targetLink =
    approval.targetType === 'host' ? links.host(target) : links.pool(target);
  const reasonId = `approval-${approval.id}-reason`;
  const outcome = outcomeLine(approval);
  const isRequester = useIsRequester(approval);

  const withdraw = async () => {
    setBusy(true);
    try {
      const withdrawn = await metal3Api.withdrawApproval(approval.id);
      alertApi.post({
        message: `${approval.title}: withdrawn, nothing ran`,
        severity: 'success',
        display: 'transient',
      });
      onChange(withdrawn);
    } catch (error) {
      alertApi.post({
        message: `Could not withdraw ${approval.title}: ${errorMessage(error)}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  const decide = async (decision: Decision) => {
    setBusy(true);
    try {
      const decided = await metal3Api.decideApproval(
        approval.id,
        decision,
        comment || undefined,
      );
      alertApi.post({
        message: `${approval.title}: ${outcomeLine(decided) ?? decided.state}`,
        severity: decided.state === 'failed' ? 'error' : 'success',
        display: 'transient',
      });
      onChange(decided);
    } catch (error) {
      alertApi.post({
        message: `Could not ${decision} ${approval.title}: ${errorMessage(
          error,
        )}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
      setAsking(undefined);
      setComment('');
    }
  };

  return (
    <InfoCard
      title={approval.title}
      subheader={`${approval.targetType} ${target.cluster}/${target.namespace}/${target.name}`}
    >
      <Grid container spacing={2}>
        <Grid item xs={12} md={5}>
          <Box mb={1}>
            <Chip
              size="small"
              label={STATE_LABELS[approval.state]}
              color={approval.state === 'pending' ? 'secondary' : 'default'}
            />
          </Box>
          <StructuredMetadataTable
            metadata={{
              target: (
                <LinkOrText to={targetLink}>
                  {target.namespace}/{target.name}
                </LinkOrText>
              ),
              'requested by': approval.requestedBy,
              'requested at': formatTime(approval.requestedAt),
              [approval.state === 'pending' ? 'expires at' : 'expired at']:
                formatTime(approval.expiresAt),
              via:
                approval.via === 'task'
                  ? `template task ${approval.taskId}`
                  : 'the portal API',
            }}
          />
          {outcome && (
            <Box mt={1}>
              <Typography variant="body2" aria-label="outcome">
                {outcome}
              </Typography>
            </Box>
          )}
        </Grid>
        <Grid item xs={12} md={7}>
          <ApprovalImpact impact={approval.impact} />
        </Grid>
        {approval.state === 'pending' && (
          <Grid item xs={12}>
            <Box display="flex" alignItems="center" style={{ gap: 8 }}>
              <Button
                variant="contained"
                color="primary"
                disabled={!approval.viewer.mayDecide || busy}
                aria-describedby={reasonId}
                onClick={() => setAsking('approve')}
              >
                Approve
              </Button>
              <Button
                variant="outlined"
                disabled={!approval.viewer.mayDecide || busy}
                aria-describedby={reasonId}
                onClick={() => setAsking('reject')}
              >
                Reject
              </Button>
              {approval.viewer.reason && (
                <Typography variant="body2" id={reasonId}>
                  {approval.viewer.reason}
                </Typography>
              )}
              {isRequester && (
                <Button
                  variant="outlined"
                  disabled={busy}
                  onClick={withdraw}
                  style={{ marginLeft: 'auto' }}
                >
                  Withdraw
                </Button>
              )}
            </Box>
          </Grid>
        )}
      </Grid>
      <Dialog
        open={asking !== undefined}
        onClose={() => setAsking(undefined)}
        aria-labelledby={`decide-${approval.id}`}
      >
        <DialogTitle id={`decide-${approval.id}`}>
          {asking === 'approve' ? 'Approve' : 'Reject'} {approval.title}?
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            {asking === 'approve'
              ? `${
                  approval.via === 'task'
                    ? `Task ${approval.taskId} of ${approval.requestedBy} runs it once you approve.`
                    : `It runs now, once, as ${approval.requestedBy} asked.`
                } ${approval.impact.summary}.`
              : 'Nothing runs; the requester sees your reason.'}
          </DialogContentText>
          <TextField
            id={`approval-${approval.id}-comment`}
            label={asking === 'reject' ? 'Reason' : 'Comment (optional)'}
            fullWidth
            value={comment}
            onChange={e => setComment(e.target.value)}
            inputProps={{ maxLength: 1000 }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAsking(undefined)}>Cancel</Button>
          <Button
            color="primary"
            variant="contained"
            disabled={busy}
            onClick={() => asking && decide(asking)}
          >
            {asking === 'approve' ? 'Approve' : 'Reject'}
          </Button>
        </DialogActions>
      </Dialog>
    </InfoCard>
  );
};
