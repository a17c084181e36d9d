import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import type {
  CheckFinding,
  HostFindingsResponse,
} from '@metal3-fleet/plugin-metal3-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { MSW_BASE, renderWithMsw } from './__testUtils__/renderWithMsw';
import { HostRunbook } from './HostRunbook';

const server = setupServer();
const URL = `${MSW_BASE}/hosts/kube-dc-mgmt/metal3/worker-3/findings`;
const subject = {
  kind: 'host' as const,
  cluster: 'kube-dc-mgmt',
  namespace: 'metal3',
  name: 'worker-3',
};

const nicNotCovered: CheckFinding = {
  check: 'network.trunk-nic-covered',
  subject,
  item: 'ext-cloud',
  outcome: 'problem',
  severity: 'error',
  title: 'Trunk NIC ens2f0 of worker-3 is not in ProviderNetwork ext-cloud',
  evidence: [
    {
      field: 'ProviderNetwork ext-cloud spec.defaultInterface',
      observed: 'eno2',
      expected: 'ens2f0 or a customInterfaces entry',
      violation: true,
    },
  ],
  fix: {
    text: 'Add a customInterfaces entry (interface ens2f0, node worker-3).',
    guide: 'Phase 5.1 — Update ProviderNetwork',
    template: {
      name: 'metal3-update-provider-network',
      action: 'metal3:provider-network:update',
      values: {
        cluster: 'kube-dc-mgmt',
        providerNetwork: 'ext-cloud',
        namespace: 'metal3',
        pool: 'kube-dc-workers',
        nicName: 'ens2f0',
      },
    },
  },
};

const labelsWarning: CheckFinding = {
  check: 'node.worker-labels',
  subject,
  outcome: 'problem',
  severity: 'warning',
  title: 'Node worker-3 has no label node-role.kubernetes.io/worker',
  evidence: [],
  fix: {
    text: 'Label the node as a worker.',
    guide: 'Phase 5.2 — Label Worker Nodes',
    commands: ['kubectl label node worker-3 node-role.kubernetes.io/worker='],
  },
};

const unknownSecretAge: CheckFinding = {
  check: 'practice.bmc-credentials-age',
  subject,
  outcome: 'unknown',
  title: 'Age of the BMC Secret of worker-3',
  missing: 'the BMC Secret worker-3-bmc: the portal may not read Secrets',
  evidence: [],
};

const drift: CheckFinding = {
  check: 'drift.bmc-inventory',
  subject,
  outcome: 'problem',
  severity: 'warning',
  title: 'BMC and inventory of worker-3 differ: serial',
  evidence: [
    { field: 'BMC serial', observed: 'SN-NEW' },
    {
      field: 'BareMetalHost serial',
      observed: 'SN-OLD',
      expected: 'SN-NEW',
      violation: true,
    },
  ],
  fix: { text: 'Re-inspect the host.', guide: 'Troubleshooting' },
};

const answer = (
  findings: CheckFinding[],
  remediations: HostFindingsResponse['remediations'] = [],
): HostFindingsResponse => ({
  subject,
  evaluatedAt: '2026-12-07T17:00:00Z',
  findings,
  summary: { ok: 0, problem: 0, unknown: 0 },
  remediations,
});

const render = () =>
  renderWithMsw(
    <HostRunbook cluster="kube-dc-mgmt" namespace="metal3" name="worker-3" />,
  );

describe('HostRunbook', () => {
  registerMswTestHooks(server);

  it('lists problems worst first, a template fix as a link carrying its prefilled values', async () => {
    server.use(
      http.get(URL, () =>
        HttpResponse.json(
          answer([labelsWarning, unknownSecretAge, nicNotCovered]),
        ),
      ),
    );
    await render();
    const titles = await screen.findAllByText(
      /Trunk NIC ens2f0|has no label node-role/,
    );
    expect(titles.map(t => t.textContent)).toEqual([
      nicNotCovered.title,
      labelsWarning.title,
    ]);
    // LinkButton renders an anchor with the button role.
    const link = screen.getByRole('button', {
      name: /Open fix: metal3-update-provider-network/,
    });
    const href = new globalThis.URL(link.getAttribute('href')!, 'http://app');
    expect(href.pathname).toBe(
      '/create/templates/default/metal3-update-provider-network',
    );
    expect(JSON.parse(href.searchParams.get('formData')!)).toEqual({
      cluster: 'kube-dc-mgmt',
      providerNetwork: 'ext-cloud',
      namespace: 'metal3',
      pool: 'kube-dc-workers',
      nicName: 'ens2f0',
    });
    expect(
      screen.getByText(
        'kubectl label node worker-3 node-role.kubernetes.io/worker=',
      ),
    ).toBeInTheDocument();
  });

  it('shows an unknown verdict as unknown with its reason', async () => {
    server.use(
      http.get(URL, () => HttpResponse.json(answer([unknownSecretAge]))),
    );
    await render();
    const item = await screen.findByTestId(
      'finding-practice.bmc-credentials-age',
    );
    expect(within(item).getByText('unknown')).toBeInTheDocument();
    expect(
      within(item).getByText(
        'Unknown: the BMC Secret worker-3-bmc: the portal may not read Secrets',
      ),
    ).toBeInTheDocument();
  });

  it('shows drift on its own card with the differing field, not among the problems', async () => {
    server.use(http.get(URL, () => HttpResponse.json(answer([drift]))));
    await render();
    expect(
      await screen.findByText(
        'No runbook check finds a problem with host worker-3.',
      ),
    ).toBeInTheDocument();
    const item = screen.getByTestId('finding-drift.bmc-inventory');
    expect(within(item).getByText(drift.title)).toBeInTheDocument();
    expect(
      within(item).getByText('BareMetalHost serial: SN-OLD (expected SN-NEW)'),
    ).toHaveStyle({ fontWeight: 'bold' });
  });

  it('lists the remediation history, active first as the backend orders it', async () => {
    server.use(
      http.get(URL, () =>
        HttpResponse.json(
          answer(
            [],
            [
              {
                namespace: 'metal3',
                name: 'kube-dc-workers-abc12',
                phase: 'Running',
                retryCount: 1,
                retryLimit: 3,
                active: true,
              },
              {
                namespace: 'metal3',
                name: 'kube-dc-workers-old99',
                phase: 'Deleting machine',
                endedAt: '2026-12-07T16:00:00Z',
                active: false,
              },
            ],
          ),
        ),
      ),
    );
    await render();
    const active = (await screen.findByText('kube-dc-workers-abc12')).closest(
      'tr',
    )!;
    expect(within(active).getByText('active')).toBeInTheDocument();
    expect(within(active).getByText('1 of 3')).toBeInTheDocument();
    const ended = screen.getByText('kube-dc-workers-old99').closest('tr')!;
    expect(within(ended).getByText('2026-12-07T16:00:00Z')).toBeInTheDocument();
  });

  it('says so when there is nothing: no problem, no drift check, no remediation', async () => {
    server.use(http.get(URL, () => HttpResponse.json(answer([]))));
    await render();
    expect(
      await screen.findByText(
        'No runbook check finds a problem with host worker-3.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No drift check has run for this host.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/No remediation of this host is active or has ended/),
    ).toBeInTheDocument();
  });

  it("shows the backend's error in each card", async () => {
    server.use(
      http.get(URL, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'metal3.host.read denied',
            },
          },
          { status: 403 },
        ),
      ),
    );
    await render();
    expect(
      await screen.findAllByText(/metal3.host.read denied/),
    ).not.toHaveLength(0);
  });
});
