import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import type {
  HealthCheckDto,
  RemediationDto,
} from '@metal3-fleet/plugin-metal3-common';
import { PoolDetailDto } from '../../api';

const orDash = (v: number | string | undefined) =>
  v === undefined ? '—' : String(v);

const healthCheckColumns: TableColumn<HealthCheckDto>[] = [
  { title: 'MachineHealthCheck', field: 'name' },
  { title: 'Expected', render: h => orDash(h.expectedMachines) },
  { title: 'Healthy', render: h => orDash(h.currentHealthy) },
  { title: 'Remediations allowed', render: h => orDash(h.remediationsAllowed) },
  { title: 'Max unhealthy', render: h => orDash(h.maxUnhealthy) },
  {
    title: 'Remediation',
    render: h =>
      h.remediationTemplate
        ? `${h.remediationTemplate.kind} ${h.remediationTemplate.name}`
        : 'delete and re-provision',
  },
];

const remediationColumns: TableColumn<RemediationDto>[] = [
  { title: 'Metal3Remediation (Machine)', field: 'name' },
  { title: 'Strategy', render: r => r.strategy ?? '—' },
  { title: 'Phase', render: r => r.phase ?? '—' },
  {
    title: 'Retries',
    render: r => `${r.retryCount ?? 0} of ${orDash(r.retryLimit)}`,
  },
  { title: 'Last remediated', render: r => r.lastRemediated ?? '—' },
];

/**
 * Phase 6 of the guide on the pool page: each MachineHealthCheck's counts
 * as the controller wrote them (expected, healthy, remediations allowed) and
 * the Metal3Remediations running now. Whether a check can ever remediate is
 * a finding of the Problems card.
 */
export const PoolRemediationCard = ({ pool }: { pool: PoolDetailDto }) => (
  <InfoCard title="Remediation">
    {pool.healthChecks.length === 0 ? (
      <Typography>
        No MachineHealthCheck watches this pool: an unhealthy worker stays as it
        is.
      </Typography>
    ) : (
      <Table
        title="Health checks"
        options={{ paging: false, search: false, toolbar: false }}
        columns={healthCheckColumns}
        data={pool.healthChecks}
      />
    )}
    <Box mt={2}>
      {pool.remediations.length === 0 ? (
        <Typography>No remediation is active.</Typography>
      ) : (
        <Table
          title="Active remediations"
          options={{ paging: false, search: false, toolbar: false }}
          columns={remediationColumns}
          data={pool.remediations}
        />
      )}
    </Box>
  </InfoCard>
);
