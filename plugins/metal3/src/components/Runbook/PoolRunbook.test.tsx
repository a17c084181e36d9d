import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import {
  CheckFinding,
  describePool,
  FindingsResponse,
} from '@metal3-fleet/plugin-metal3-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PoolDetailDto } from '../../api';
import { MSW_BASE, renderWithMsw } from './__testUtils__/renderWithMsw';
import { PoolRunbook } from './PoolRunbook';

const server = setupServer();
const URL = `${MSW_BASE}/pools/kube-dc-mgmt/metal3/kube-dc-workers/findings`;
const subject = {
  kind: 'pool' as const,
  cluster: 'kube-dc-mgmt',
  namespace: 'metal3',
  name: 'kube-dc-workers',
};

const pool: PoolDetailDto = {
  cluster: 'kube-dc-mgmt',
  namespace: 'metal3',
  name: 'kube-dc-workers',
  entityRef: 'resource:default/kube-dc-mgmt.metal3.kube-dc-workers',
  desiredReplicas: 2,
  replicas: 2,
  readyReplicas: 1,
  availableReplicas: 1,
  upToDateReplicas: 2,
  health: describePool({
    desired: 2,
    current: 2,
    available: 1,
    freeMatchingHosts: 0,
  }),
  freeMatchingHosts: 0,
  owner: 'group:default/metal3-admins',
  members: [],
  healthChecks: [
    {
      name: 'kube-dc-workers-mhc',
      maxUnhealthy: '40%',
      unhealthyNodeConditions: [],
      remediationTemplate: {
        kind: 'Metal3RemediationTemplate',
        name: 'reboot',
      },
      expectedMachines: 2,
      currentHealthy: 1,
      remediationsAllowed: 0,
    },
  ],
  remediations: [
    {
      name: 'kube-dc-workers-abc12',
      strategy: 'Reboot',
      phase: 'Running',
      retryCount: 1,
      retryLimit: 1,
    },
  ],
};

const cannotRemediate: CheckFinding = {
  check: 'remediation.can-remediate',
  subject,
  item: 'kube-dc-workers-mhc',
  outcome: 'problem',
  severity: 'error',
  title:
    'MachineHealthCheck kube-dc-workers-mhc can never remediate: 40% of 2 machines rounds to 0',
  evidence: [
    {
      field: 'MachineHealthCheck kube-dc-workers-mhc spec.maxUnhealthy',
      observed: '40%',
    },
  ],
  fix: {
    text: 'Raise maxUnhealthy to at least 1 machine (50% on 2 replicas).',
    guide: 'Phase 6',
  },
};
const reuseInfo: CheckFinding = {
  check: 'practice.node-reuse',
  subject,
  outcome: 'problem',
  severity: 'info',
  title: 'Pool kube-dc-workers does not reuse nodes on upgrade',
  evidence: [],
  fix: {
    text: 'Set nodeReuse on the Metal3MachineTemplate.',
    guide: 'Scaling',
  },
};

const answer = (findings: CheckFinding[]): FindingsResponse => ({
  subject,
  evaluatedAt: '2026-12-07T17:00:00Z',
  findings,
  summary: { ok: 0, problem: 0, unknown: 0 },
});

describe('PoolRunbook', () => {
  registerMswTestHooks(server);

  it('lists the problems worst first and the health check counts with the active remediation', async () => {
    server.use(
      http.get(URL, () =>
        HttpResponse.json(answer([reuseInfo, cannotRemediate])),
      ),
    );
    await renderWithMsw(<PoolRunbook pool={pool} />);
    const titles = await screen.findAllByText(
      /can never remediate|does not reuse/,
    );
    expect(titles.map(t => t.textContent)).toEqual([
      cannotRemediate.title,
      reuseInfo.title,
    ]);
    const mhc = screen.getByText('kube-dc-workers-mhc').closest('tr')!;
    // expected, healthy, remediations allowed, max unhealthy
    expect(
      within(mhc)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      'kube-dc-workers-mhc',
      '2',
      '1',
      '0',
      '40%',
      'Metal3RemediationTemplate reboot',
    ]);
    const active = screen.getByText('kube-dc-workers-abc12').closest('tr')!;
    expect(within(active).getByText('Running')).toBeInTheDocument();
    expect(within(active).getByText('1 of 1')).toBeInTheDocument();
  });

  it('says when there is no problem, no health check and no remediation', async () => {
    server.use(http.get(URL, () => HttpResponse.json(answer([]))));
    await renderWithMsw(
      <PoolRunbook pool={{ ...pool, healthChecks: [], remediations: [] }} />,
    );
    expect(
      await screen.findByText(
        'No runbook check finds a problem with pool kube-dc-workers.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/No MachineHealthCheck watches this pool/),
    ).toBeInTheDocument();
    expect(screen.getByText('No remediation is active.')).toBeInTheDocument();
  });
});
