import {
  Content,
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Tab, Tabs, Typography } from '@material-ui/core';
import { ApprovalState } from '@metal3-fleet/plugin-metal3-common';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApprovalDto, metal3ApiRef } from '../../api';
import { useMetal3Links } from '../../links';
import { useLiveValue } from '../LiveValue';
import { ApprovalCard } from './ApprovalCard';

const OPEN: ApprovalState[] = ['pending', 'approved', 'running'];
const CLOSED: ApprovalState[] = [
  'succeeded',
  'failed',
  'rejected',
  'expired',
  'withdrawn',
];

/** One approval, as its link (the backend's 202, a task's log) opens it. */
const OneApproval = ({ id }: { id: string }) => {
  const metal3Api = useApi(metal3ApiRef);
  const links = useMetal3Links();
  const { value, loading, error, retry } = useLiveValue(
    () => metal3Api.getApproval(id),
    [metal3Api, id],
  );
  const all = links.approvals();
  return (
    <>
      {all && (
        <Box mb={2}>
          <Link to={all}>All approvals</Link>
        </Box>
      )}
      {!value && loading && <Progress />}
      {!value && error && <ResponseErrorPanel error={error} />}
      {value && <ApprovalCard approval={value} onChange={() => retry()} />}
    </>
  );
};

/** The open or the closed approvals, newest first. */
const ApprovalList = ({ states }: { states: ApprovalState[] }) => {
  const metal3Api = useApi(metal3ApiRef);
  const { value, loading, error, retry } = useLiveValue(
    () => metal3Api.listApprovals({ state: states }),
    [metal3Api, states],
  );
  if (!value && loading) return <Progress />;
  if (!value && error) return <ResponseErrorPanel error={error} />;
  const items: ApprovalDto[] = value ?? [];
  if (items.length === 0) {
    return states === OPEN ? (
      <EmptyState
        missing="data"
        title="No request waits for approval"
        description="Risky operations listed in metal3.approvals.required (power-off or hard reboot of a provisioned host, removal from a pool, scale-down, pool upgrade) wait here until another person approves them."
      />
    ) : (
      <EmptyState
        missing="data"
        title="No decided request"
        description="Approved, rejected, expired and withdrawn requests are listed here."
      />
    );
  }
  return (
    <>
      {items.map(approval => (
        <Box key={approval.id} mb={2}>
          <ApprovalCard approval={approval} onChange={() => retry()} />
        </Box>
      ))}
    </>
  );
};

/**
 * Risky operations waiting for a second person, with their impact and the
 * buttons to decide them; the decided ones on a second tab. `/approvals/:id`
 * opens one.
 */
export const ApprovalsPage = () => {
  const { id } = useParams();
  const [tab, setTab] = useState(0);
  return (
    <Content>
      <Typography variant="h4" gutterBottom>
        Approvals
      </Typography>
      {id ? (
        <OneApproval id={id} />
      ) : (
        <>
          <Tabs
            value={tab}
            onChange={(_e, value) => setTab(value)}
            aria-label="approval lists"
          >
            <Tab label="Waiting" />
            <Tab label="Decided" />
          </Tabs>
          <Box mt={2}>
            <ApprovalList states={tab === 0 ? OPEN : CLOSED} />
          </Box>
        </>
      )}
    </Content>
  );
};
