import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import type {
  CheckFinding,
  ClusterFindingsResponse,
} from '@metal3-fleet/plugin-metal3-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { MSW_BASE, renderWithMsw } from './__testUtils__/renderWithMsw';
import { ClusterRunbook } from './ClusterRunbook';

const server = setupServer();
const URL = `${MSW_BASE}/clusters/kube-dc-mgmt/findings`;
const subject = {
  kind: 'cluster' as const,
  cluster: 'kube-dc-mgmt',
  name: 'kube-dc-mgmt',
};

const crdServed: CheckFinding = {
  check: 'stack.crd-served',
  subject,
  item: 'baremetalhosts.metal3.io',
  outcome: 'ok',
  title: 'BareMetalHost served (read as metal3.io/v1alpha1)',
  evidence: [
    {
      field:
        'CustomResourceDefinition baremetalhosts.metal3.io spec.versions[served]',
      observed: ['v1alpha1'],
    },
  ],
};
const bmoRunning: CheckFinding = {
  check: 'stack.controller-ready',
  subject,
  item: 'baremetal-operator',
  outcome: 'ok',
  title: 'Bare Metal Operator running (v0.9.1)',
  evidence: [
    {
      field:
        'Deployment baremetal-operator-system/baremetal-operator-controller-manager image',
      observed: 'quay.io/metal3-io/baremetal-operator:v0.9.1',
    },
  ],
};
const capm3Down: CheckFinding = {
  check: 'stack.controller-ready',
  subject,
  item: 'capm3',
  outcome: 'problem',
  severity: 'error',
  title: 'CAPM3 is scaled to 0: capm3-system/capm3-controller-manager',
  evidence: [
    {
      field:
        'Deployment capm3-system/capm3-controller-manager status.readyReplicas',
      observed: 0,
      expected: '≥ 1',
      violation: true,
    },
  ],
  fix: {
    text: 'Scale capm3-controller-manager in capm3-system back up.',
    guide: 'Phase 1.3 — Verify Metal3 Stack',
    commands: [
      'kubectl -n capm3-system scale deployment capm3-controller-manager --replicas=1',
    ],
  },
};
const networkUnknown: CheckFinding = {
  check: 'network.ready-nodes',
  subject: {
    kind: 'provider-network',
    cluster: 'kube-dc-mgmt',
    name: 'ext-cloud',
  },
  outcome: 'unknown',
  title: 'ProviderNetwork ext-cloud has no status yet',
  missing:
    'status.readyNodes of ProviderNetwork ext-cloud: Kube-OVN has not reported on it',
  evidence: [],
};

const answer = (
  findings: CheckFinding[],
  stack: ClusterFindingsResponse['stack'],
): ClusterFindingsResponse => ({
  subject,
  evaluatedAt: '2026-12-07T17:00:00Z',
  findings,
  summary: { ok: 0, problem: 0, unknown: 0 },
  stack,
});

const render = () => renderWithMsw(<ClusterRunbook name="kube-dc-mgmt" />);

describe('ClusterRunbook', () => {
  registerMswTestHooks(server);

  it('lists every controller and CRD on the Metal3 stack card, a down controller with its fix', async () => {
    server.use(
      http.get(URL, () =>
        HttpResponse.json(
          answer([capm3Down, bmoRunning, crdServed, networkUnknown], {
            unhealthy: true,
            problems: 1,
            unknown: 0,
          }),
        ),
      ),
    );
    await render();
    expect(
      await screen.findByText('The Metal3 stack is unhealthy: 1 problem.'),
    ).toBeInTheDocument();
    const down = screen.getByText(capm3Down.title).closest('[data-testid]')!;
    expect(within(down as HTMLElement).getByText('error')).toBeInTheDocument();
    expect(
      within(down as HTMLElement).getByText(
        'kubectl -n capm3-system scale deployment capm3-controller-manager --replicas=1',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Bare Metal Operator running (v0.9.1)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /baremetal-operator-controller-manager image: quay.io\/metal3-io\/baremetal-operator:v0.9.1/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /baremetalhosts.metal3.io spec.versions\[served\]: v1alpha1/,
      ),
    ).toBeInTheDocument();
    // The network finding is on the cluster checks card, unknown with its reason.
    expect(
      screen.getByText(
        /Unknown: status.readyNodes of ProviderNetwork ext-cloud/,
      ),
    ).toBeInTheDocument();
  });

  it('says the stack is healthy and links to the images of the cluster', async () => {
    server.use(
      http.get(URL, () =>
        HttpResponse.json(
          answer([bmoRunning], { unhealthy: false, problems: 0, unknown: 0 }),
        ),
      ),
    );
    await render();
    expect(
      await screen.findByText('The Metal3 stack is healthy.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "No runbook check finds a problem with cluster kube-dc-mgmt's networks.",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'OS images in use' }),
    ).toHaveAttribute('href', '/metal3/images?cluster=kube-dc-mgmt');
  });

  it("shows the backend's error on the stack card", async () => {
    server.use(
      http.get(URL, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'no cluster named kube-dc-mgmt',
            },
          },
          { status: 404 },
        ),
      ),
    );
    await render();
    expect(
      await screen.findAllByText(/no cluster named kube-dc-mgmt/),
    ).not.toHaveLength(0);
  });
});
