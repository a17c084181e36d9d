import { Table, TableColumn } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import type { RemediationRecord } from '@metal3-fleet/plugin-metal3-common';

const columns: TableColumn<RemediationRecord>[] = [
  { title: 'Metal3Remediation', field: 'name' },
  { title: 'State', render: r => (r.active ? 'active' : 'ended') },
  { title: 'Phase', render: r => r.phase ?? '—' },
  {
    title: 'Retries',
    render: r => `${r.retryCount ?? 0} of ${r.retryLimit ?? '—'}`,
  },
  { title: 'Started', render: r => r.startedAt ?? '—' },
  { title: 'Last remediated', render: r => r.lastRemediated ?? '—' },
  { title: 'Ended', render: r => r.endedAt ?? '—' },
];

/**
 * The host's Metal3Remediations, newest first. Past ones are those the
 * backend saw go away since it started (the cluster keeps no history), which
 * the empty state says.
 */
export const RemediationHistory = ({
  remediations,
}: {
  remediations: RemediationRecord[];
}) =>
  remediations.length === 0 ? (
    <Typography>
      No remediation of this host is active or has ended since the portal's
      backend started.
    </Typography>
  ) : (
    <Table
      options={{ paging: false, search: false, toolbar: false }}
      columns={columns}
      data={remediations}
    />
  );
