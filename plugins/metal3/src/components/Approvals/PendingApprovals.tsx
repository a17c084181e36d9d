import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { ObjectRefDto } from '@metal3-fleet/plugin-metal3-common';
import { metal3ApiRef } from '../../api';
import { useMetal3Links } from '../../links';
import { errorMessage } from '../../lib/errorMessage';
import { useLiveValue } from '../LiveValue';
import { formatTime, STATE_LABELS } from './approvalWords';

const TargetApprovals = ({
  target,
  asked,
}: {
  target: ObjectRefDto;
  asked: number;
}) => {
  const metal3Api = useApi(metal3ApiRef);
  const links = useMetal3Links();
  const { cluster, namespace, name } = target;
  const { value, error } = useLiveValue(
    async () =>
      metal3Api.listApprovals({
        state: ['pending', 'approved', 'running'],
        cluster,
        namespace,
        name,
      }),
    [metal3Api, cluster, namespace, name, asked],
  );
  if (!value) {
    return error ? (
      <Typography variant="body2" color="textSecondary">
        Could not check for approvals of {name}: {errorMessage(error)}
      </Typography>
    ) : null;
  }
  return (
    <>
      {value.map(approval => {
        const link = links.approval(approval.id);
        return (
          <Box key={approval.id} mb={2}>
            <Alert
              severity="info"
              aria-label="approval"
              action={link && <Link to={link}>Review</Link>}
            >
              {approval.title}: {STATE_LABELS[approval.state]}
              {approval.state === 'pending' &&
                !approval.viewer.mayDecide &&
                ' by someone else'}
              , requested by {approval.requestedBy}
              {approval.state === 'pending' &&
                `, expires at ${formatTime(approval.expiresAt)}`}
              . {approval.impact.summary}.
            </Alert>
          </Box>
        );
      })}
    </>
  );
};

/**
 * A banner on a host's or a pool's page while a risky operation on it
 * waits for approval (or runs after one): what, who asked, until when, and
 * a link to decide. Nothing while there is none, while it loads, or in an
 * app that does not mount the approvals page.
 */
export const PendingApprovals = ({
  target,
  asked = 0,
}: {
  target: ObjectRefDto;
  /** Bumped by the page after a request of its own: read again at once, not at the next poll. */
  asked?: number;
}) => {
  const links = useMetal3Links();
  return links.approvals() ? (
    <TargetApprovals target={target} asked={asked} />
  ) : null;
};

const WaitingCount = ({ to }: { to: string }) => {
  const metal3Api = useApi(metal3ApiRef);
  const { value } = useLiveValue(
    // async: a count that cannot be read (an older backend) leaves the link
    // without a count instead of breaking the fleet page.
    async () => metal3Api.listApprovals({ state: ['pending'] }),
    [metal3Api],
  );
  const waiting = value?.length ?? 0;
  return <Link to={to}>Approvals{waiting ? ` (${waiting} waiting)` : ''}</Link>;
};

/** "Approvals (2 waiting)": the fleet page's way to the approvals page. */
export const ApprovalsLink = () => {
  const to = useMetal3Links().approvals();
  return to ? <WaitingCount to={to} /> : null;
};
