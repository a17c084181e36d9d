import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { identityApiRef } from '@backstage/frontend-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  describeHost,
  type ApprovalDto,
  type ApprovalListResponse,
  type ApprovalResponse,
  type HostDetailDto,
} from '@metal3-fleet/plugin-metal3-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Route, Routes } from 'react-router-dom';
import { Metal3Client, metal3ApiRef } from '../../api';
import { testRoutes } from '../../testUtils/routes';
import { HostPage } from '../HostPage';
import { ApprovalsPage } from './ApprovalsPage';
import { PendingApprovals } from './PendingApprovals';

const BASE = 'http://backend/api/metal3';
const server = setupServer();

/** A power-off waiting for approval, as the backend answers it. */
function powerOff(overrides: Partial<ApprovalDto> = {}): ApprovalDto {
  return {
    id: 'a-1',
    kind: 'power-off',
    title: 'Power off worker-0',
    targetType: 'host',
    target: { cluster: 'kube-dc-mgmt', namespace: 'metal3', name: 'worker-0' },
    parameters: {},
    requestedBy: 'user:default/ada',
    requestedAt: '2026-12-01T10:00:00Z',
    expiresAt: '2026-12-01T11:00:00Z',
    via: 'api',
    impact: {
      summary:
        '2 pods stopped without a drain from node worker-0: apps/web-0, apps/web-1',
      node: 'worker-0',
      pods: [
        { namespace: 'apps', name: 'web-0', owner: 'ReplicaSet/web-7f' },
        { namespace: 'apps', name: 'web-1', owner: 'ReplicaSet/web-7f' },
      ],
      podCount: 2,
      warnings: [],
    },
    state: 'pending',
    link: 'http://portal/metal3/approvals/a-1',
    viewer: { mayDecide: true },
    ...overrides,
  };
}

const scaleDown = powerOff({
  id: 'a-2',
  kind: 'scale-down',
  title: 'Scale down kube-dc-workers by 1',
  targetType: 'pool',
  target: {
    cluster: 'kube-dc-mgmt',
    namespace: 'metal3',
    name: 'kube-dc-workers',
  },
  parameters: { delta: -1 },
  impact: {
    summary:
      'Scale kube-dc-workers from 2 to 1: 1 machine deleted (1 of worker-0, worker-1)',
    deletionOrder: 'Random',
    removing: 1,
    machines: [
      { name: 'm-0', host: 'worker-0', node: 'worker-0', why: 'candidate' },
      { name: 'm-1', host: 'worker-1', node: 'worker-1', why: 'candidate' },
    ],
    warnings: [
      'Deletion order Random: 1 of the 2 candidates go, whichever Cluster API picks',
    ],
  },
});

/** Renders as `signedInAs` (the requester of the fixtures is ada). */
function render(
  path: string,
  element = <ApprovalsPage />,
  signedInAs = 'user:default/grace',
) {
  const client = new Metal3Client({
    discoveryApi: { getBaseUrl: async () => BASE },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [metal3ApiRef, client],
        [identityApiRef, mockApis.identity({ userEntityRef: signedInAs })],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
        ],
      ]}
    >
      <Routes>
        <Route path="/metal3/approvals" element={element} />
        <Route path="/metal3/approvals/:id" element={element} />
        <Route
          path="/metal3/hosts/:cluster/:namespace/:name"
          element={element}
        />
      </Routes>
    </TestApiProvider>,
    { routeEntries: [path], mountedRoutes: testRoutes() },
  );
}

describe('Approvals', () => {
  registerMswTestHooks(server);

  it('lists what waits, with its impact: the pods a power-off stops, the machines a scale-down may delete and why', async () => {
    let query: URLSearchParams | undefined;
    server.use(
      http.get(`${BASE}/approvals`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json<ApprovalListResponse>({
          items: [powerOff(), scaleDown],
        });
      }),
    );
    await render('/metal3/approvals');
    expect(await screen.findByText('Power off worker-0')).toBeInTheDocument();
    expect(query!.getAll('state')).toEqual(['pending', 'approved', 'running']);
    const pods = screen.getByRole('table', { name: 'pods affected' });
    expect(within(pods).getByText('apps/web-0')).toBeInTheDocument();
    expect(within(pods).getAllByText('ReplicaSet/web-7f')).toHaveLength(2);
    const machines = screen.getByRole('table', {
      name: 'machines Cluster API deletes first',
    });
    expect(
      within(machines).getAllByText('may be picked (deletion order Random)'),
    ).toHaveLength(2);
    expect(
      screen.getByText(
        'Deletion order Random: 1 of the 2 candidates go, whichever Cluster API picks',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'metal3/worker-0' }),
    ).toHaveAttribute('href', '/metal3/hosts/kube-dc-mgmt/metal3/worker-0');
  });

  it('approves after a confirmation, and shows what the run did', async () => {
    let decided: { decision: string; body: unknown } | undefined;
    server.use(
      http.get(`${BASE}/approvals/a-1`, () =>
        HttpResponse.json<ApprovalResponse>({
          approval: decided
            ? powerOff({
                state: 'succeeded',
                decidedBy: 'user:default/grace',
                decidedAt: '2026-12-01T10:05:00Z',
                result: 'worker-0 set offline',
                viewer: { mayDecide: false, reason: 'It is succeeded already' },
              })
            : powerOff(),
        }),
      ),
      http.post(
        `${BASE}/approvals/a-1/:decision`,
        async ({ params, request }) => {
          decided = {
            decision: String(params.decision),
            body: await request.json(),
          };
          return HttpResponse.json<ApprovalResponse>({
            approval: powerOff({
              state: 'succeeded',
              decidedBy: 'user:default/grace',
              decidedAt: '2026-12-01T10:05:00Z',
              result: 'worker-0 set offline',
              viewer: { mayDecide: false, reason: 'It is succeeded already' },
            }),
          });
        },
      ),
    );
    await render('/metal3/approvals/a-1');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent(
      'It runs now, once, as user:default/ada asked.',
    );
    await userEvent.type(
      within(dialog).getByLabelText('Comment (optional)'),
      'ok for maintenance',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(decided).toEqual({
        decision: 'approve',
        body: { comment: 'ok for maintenance' },
      }),
    );
    expect(
      await screen.findByText(
        'Approved by user:default/grace at 2026-12-01 10:05 UTC; done: worker-0 set offline',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('shows the requester disabled buttons and why', async () => {
    server.use(
      http.get(`${BASE}/approvals/a-1`, () =>
        HttpResponse.json<ApprovalResponse>({
          approval: powerOff({
            viewer: {
              mayDecide: false,
              reason:
                'You requested it: another person with metal3.approval.decide must decide',
            },
          }),
        }),
      ),
    );
    await render('/metal3/approvals/a-1');
    const approve = await screen.findByRole('button', { name: 'Approve' });
    expect(approve).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Reject' })).toBeDisabled();
    expect(approve).toHaveAccessibleDescription(
      'You requested it: another person with metal3.approval.decide must decide',
    );
  });

  it('says when nothing waits, and shows the backend error when the list fails', async () => {
    server.use(
      http.get(`${BASE}/approvals`, () =>
        HttpResponse.json<ApprovalListResponse>({ items: [] }),
      ),
    );
    const { unmount } = await render('/metal3/approvals');
    expect(
      await screen.findByText('No request waits for approval'),
    ).toBeInTheDocument();
    unmount();
    server.use(
      http.get(`${BASE}/approvals`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'You may not read' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await render('/metal3/approvals');
    expect(
      (await screen.findAllByText(/You may not read/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('No request waits for approval')).toBeNull();
  });

  it("puts a banner on the host's page while a request for it waits, linking to it", async () => {
    let query: URLSearchParams | undefined;
    server.use(
      http.get(`${BASE}/approvals`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json<ApprovalListResponse>({ items: [powerOff()] });
      }),
    );
    await render(
      '/metal3/hosts/kube-dc-mgmt/metal3/worker-0',
      <PendingApprovals
        target={{
          cluster: 'kube-dc-mgmt',
          namespace: 'metal3',
          name: 'worker-0',
        }}
      />,
    );
    const banner = await screen.findByRole('alert', { name: 'approval' });
    expect(banner).toHaveTextContent(
      'Power off worker-0: waiting for approval, requested by user:default/ada, expires at 2026-12-01 11:00 UTC.',
    );
    expect(
      within(banner).getByRole('link', { name: 'Review' }),
    ).toHaveAttribute('href', '/metal3/approvals/a-1');
    expect(Object.fromEntries(query!)).toMatchObject({
      cluster: 'kube-dc-mgmt',
      namespace: 'metal3',
      name: 'worker-0',
    });
  });
  it('lets the requester withdraw, and shows that nothing ran', async () => {
    let withdrawn = false;
    const requesterView = {
      mayDecide: false,
      reason:
        'You requested it: another person with metal3.approval.decide must decide',
    };
    server.use(
      http.get(`${BASE}/approvals/a-1`, () =>
        HttpResponse.json<ApprovalResponse>({
          approval: withdrawn
            ? powerOff({ state: 'withdrawn', viewer: requesterView })
            : powerOff({ viewer: requesterView }),
        }),
      ),
      http.post(`${BASE}/approvals/a-1/withdraw`, () => {
        withdrawn = true;
        return HttpResponse.json<ApprovalResponse>({
          approval: powerOff({ state: 'withdrawn', viewer: requesterView }),
        });
      }),
    );
    await render(
      '/metal3/approvals/a-1',
      <ApprovalsPage />,
      'user:default/ada',
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Withdraw' }),
    );
    expect(
      await screen.findByText('Withdrawn by user:default/ada: nothing ran'),
    ).toBeInTheDocument();
    expect(withdrawn).toBe(true);
    expect(screen.queryByRole('button', { name: 'Withdraw' })).toBeNull();
  });

  it('offers no withdraw to anyone but the requester', async () => {
    server.use(
      http.get(`${BASE}/approvals/a-1`, () =>
        HttpResponse.json<ApprovalResponse>({ approval: powerOff() }),
      ),
    );
    await render('/metal3/approvals/a-1');
    expect(
      await screen.findByRole('button', { name: 'Approve' }),
    ).toBeEnabled();
    expect(screen.queryByRole('button', { name: 'Withdraw' })).toBeNull();
  });

  it('a power-off answered 202 shows on the host page at once: waiting for approval by someone else, with its link', async () => {
    const host: HostDetailDto = {
      cluster: 'kube-dc-mgmt',
      namespace: 'metal3',
      name: 'worker-0',
      entityRef: 'resource:default/kube-dc-mgmt.metal3.worker-0',
      owner: 'group:default/metal3-admins',
      bmc: {
        protocol: 'redfish',
        host: '127.100.250.1',
        address: 'redfish+https://127.100.250.1:8443/redfish/v1/Systems/1',
      },
      operationHistory: {},
      status: describeHost({
        provisioningState: 'provisioned',
        poweredOn: true,
        online: true,
      }),
      provisioningState: 'provisioned',
      online: true,
      labels: {},
      annotations: {},
      pool: {
        cluster: 'kube-dc-mgmt',
        namespace: 'metal3',
        name: 'kube-dc-workers',
      },
      machine: 'kube-dc-workers-abc',
      node: { name: 'worker-0', ready: 'True', unschedulable: false },
    } as HostDetailDto;
    const ownView = {
      mayDecide: false,
      reason:
        'You requested it: another person with metal3.approval.decide must decide',
    };
    let requested = false;
    server.use(
      http.get(`${BASE}/hosts/kube-dc-mgmt/metal3/worker-0`, () =>
        HttpResponse.json(host),
      ),
      http.get(`${BASE}/approvals`, () =>
        HttpResponse.json<ApprovalListResponse>({
          items: requested ? [powerOff({ viewer: ownView })] : [],
        }),
      ),
      http.post(
        `${BASE}/hosts/kube-dc-mgmt/metal3/worker-0/actions/power-off`,
        () => {
          requested = true;
          return HttpResponse.json<ApprovalResponse>(
            { approval: powerOff({ viewer: ownView }) },
            { status: 202 },
          );
        },
      ),
    );
    await render(
      '/metal3/hosts/kube-dc-mgmt/metal3/worker-0',
      <HostPage />,
      'user:default/ada',
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Power off' }),
    );
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Power off',
      }),
    );
    // Sooner than the page's 5 s poll: the 202 itself makes the banner read again.
    const banner = await screen.findByRole(
      'alert',
      { name: 'approval' },
      { timeout: 2000 },
    );
    expect(banner).toHaveTextContent(
      'Power off worker-0: waiting for approval by someone else, requested by user:default/ada',
    );
    expect(
      within(banner).getByRole('link', { name: 'Review' }),
    ).toHaveAttribute('href', '/metal3/approvals/a-1');
  });
});
