import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { HostSummaryDto } from '@metal3-fleet/plugin-metal3-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Metal3Client, metal3ApiRef } from '../../api';
import {
  connectedCluster,
  hostPage,
  hostRow,
  pooledHost,
} from '../../testUtils/fixtures';
import { testRoutes } from '../../testUtils/routes';
import { FleetPage } from '../FleetPage';
import { FleetOverview } from './FleetOverview';

const BASE = 'http://backend/api/metal3';
const server = setupServer();

const edge = (name: string, extra: Partial<HostSummaryDto> = {}, status = {}) =>
  hostRow(name, { cluster: 'edge-lab', ...extra }, status);

const fleet = [
  pooledHost('worker-0'),
  pooledHost('worker-1'),
  hostRow(
    'spare-0',
    { provisioningState: 'available' },
    {
      provisioningState: 'available',
    },
  ),
  edge('edge-0', {}, { provisioningState: 'available' }),
  edge('edge-1', {}, { provisioningState: 'available' }),
  edge(
    'edge-2',
    {},
    {
      provisioningState: 'registering',
      operationalStatus: 'error',
      errorType: 'registration error',
    },
  ),
];

/**
 * `GET /hosts` as the backend answers it, for what these tests send:
 * cluster, status and pool filters; facets over the hosts matching the
 * other filters. Every request is recorded.
 */
function serveFleet(hosts: HostSummaryDto[]) {
  const requests: URLSearchParams[] = [];
  server.use(
    http.get(`${BASE}/clusters`, () =>
      HttpResponse.json({
        items: [
          connectedCluster,
          { ...connectedCluster, name: 'edge-lab', title: 'Edge lab' },
        ],
      }),
    ),
    http.get(`${BASE}/hosts`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      requests.push(query);
      const pick = (key: string, value: string) =>
        query.getAll(key).length === 0 || query.getAll(key).includes(value);
      const inCluster = hosts.filter(h => pick('cluster', h.cluster));
      const items = inCluster.filter(
        h => pick('status', h.status.code) && pick('pool', h.pool?.name ?? ''),
      );
      return HttpResponse.json(
        hostPage(items.slice(0, Number(query.get('limit') ?? 50)), {
          total: items.length,
          facets: hostPage(inCluster).facets,
        }),
      );
    }),
  );
  return requests;
}

const client = () =>
  new Metal3Client({
    discoveryApi: { getBaseUrl: async () => BASE },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

function renderOverview(onChange = jest.fn()) {
  return renderInTestApp(
    <TestApiProvider apis={[[metal3ApiRef, client()]]}>
      <FleetOverview
        clusters={['kube-dc-mgmt', 'edge-lab']}
        selection={{ cluster: [], status: [], pool: [] }}
        onChange={onChange}
      />
    </TestApiProvider>,
  );
}

const byStatus = () =>
  screen.getByRole('group', { name: 'hosts by status per cluster' });
const byPool = () =>
  screen.getByRole('group', { name: 'hosts by pool per cluster' });

describe('FleetOverview', () => {
  registerMswTestHooks(server);

  it("draws every cluster's hosts by status and by pool from its own counts", async () => {
    const requests = serveFleet(fleet);
    await renderOverview();

    await screen.findByRole('button', {
      name: 'kube-dc-mgmt: provisioned, 2 hosts',
    });
    const status = within(byStatus());
    expect(
      status.getByRole('button', { name: 'kube-dc-mgmt: available, 1 host' }),
    ).toBeInTheDocument();
    expect(
      status.getByRole('button', { name: 'edge-lab: available, 2 hosts' }),
    ).toBeInTheDocument();
    expect(
      status.getByRole('button', { name: 'edge-lab: error, 1 host' }),
    ).toBeInTheDocument();
    // the legend totals every cluster
    expect(status.getByText('available: 3')).toBeInTheDocument();

    const pool = within(byPool());
    expect(
      pool.getByRole('button', {
        name: 'kube-dc-mgmt: kube-dc-workers, 2 hosts',
      }),
    ).toBeInTheDocument();
    expect(pool.getByText('(none): 4')).toBeInTheDocument();

    // one count per cluster, without loading their hosts
    expect(requests.map(q => [q.getAll('cluster'), q.get('limit')])).toEqual([
      [['kube-dc-mgmt'], '1'],
      [['edge-lab'], '1'],
    ]);
  });

  it('offers no click on hosts in no pool: the API filters on a pool name', async () => {
    serveFleet(fleet);
    const onChange = jest.fn();
    await renderOverview(onChange);
    const none = await screen.findByRole('img', {
      name: 'edge-lab: no pool, 3 hosts',
    });
    await userEvent.click(none);
    expect(onChange).not.toHaveBeenCalled();
    expect(
      within(byPool()).queryByRole('button', { name: /^\(none\)/ }),
    ).not.toBeInTheDocument();
  });

  it('shows progress while it counts', async () => {
    server.use(
      http.get(`${BASE}/hosts`, () => new Promise<Response>(() => {})),
    );
    await renderOverview();
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the error when the fleet cannot be counted', async () => {
    server.use(
      http.get(`${BASE}/hosts`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'not allowed to read' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await renderOverview();
    expect(
      await screen.findByText(/The fleet could not be counted/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/not allowed to read/).length).toBeGreaterThan(
      0,
    );
    expect(
      screen.queryByRole('button', { name: /\d+ hosts?$/ }),
    ).not.toBeInTheDocument();
  });

  it('says so when no cluster has a host', async () => {
    serveFleet([]);
    await renderOverview();
    expect(
      await screen.findByText(/No host in any cluster yet/),
    ).toBeInTheDocument();
  });
});

describe('FleetOverview on the fleet page', () => {
  registerMswTestHooks(server);

  const renderPage = () =>
    renderInTestApp(
      <TestApiProvider
        apis={[
          [metal3ApiRef, client()],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <FleetPage />
      </TestApiProvider>,
      { routeEntries: ['/metal3'], mountedRoutes: testRoutes() },
    );

  const tableRequests = (requests: URLSearchParams[]) =>
    requests.filter(q => q.get('limit') === '25');

  it('filters the table on the cluster and status of the part clicked; a second click clears it', async () => {
    const requests = serveFleet(fleet);
    await renderPage();
    await screen.findByRole('link', { name: 'worker-0' });

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'edge-lab: available, 2 hosts',
      }),
    );
    // The table re-reads the fleet: slow on a busy machine.
    await waitFor(
      () => expect(screen.queryByRole('link', { name: 'worker-0' })).toBeNull(),
      { timeout: 10_000 },
    );
    const table = screen.getByRole('table', { name: 'bare-metal hosts' });
    expect(
      within(table).getByRole('link', { name: 'edge-0' }),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole('link', { name: 'edge-1' }),
    ).toBeInTheDocument();
    expect(within(table).queryByRole('link', { name: 'edge-2' })).toBeNull();
    const filtered = tableRequests(requests).at(-1)!;
    expect(filtered.getAll('cluster')).toEqual(['edge-lab']);
    expect(filtered.getAll('status')).toEqual(['available']);
    // the part shows it is the filter; the others fade
    expect(
      screen.getByRole('button', { name: 'edge-lab: available, 2 hosts' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(
      screen.getByRole('button', { name: 'edge-lab: error, 1 host' }),
    ).toHaveAttribute('aria-pressed', 'false');

    await userEvent.click(
      screen.getByRole('button', { name: 'edge-lab: available, 2 hosts' }),
    );
    await screen.findByRole('link', { name: 'worker-0' }, { timeout: 10_000 });
    const cleared = tableRequests(requests).at(-1)!;
    expect(cleared.has('cluster')).toBe(false);
    expect(cleared.has('status')).toBe(false);
    // the counts were read once: a filter does not count again
    expect(requests.filter(q => q.get('limit') === '1')).toHaveLength(2);
  });

  it('filters on a pool across clusters from the legend, as the selects do', async () => {
    const requests = serveFleet(fleet);
    await renderPage();
    await screen.findByRole('link', { name: 'worker-0' });
    await userEvent.click(
      within(await screen.findByLabelText('hosts by pool')).getByText(
        'kube-dc-workers: 2',
      ),
    );
    await waitFor(() =>
      expect(tableRequests(requests).at(-1)!.getAll('pool')).toEqual([
        'kube-dc-workers',
      ]),
    );
    expect(tableRequests(requests).at(-1)!.has('cluster')).toBe(false);
    await waitFor(
      () => expect(screen.queryByRole('link', { name: 'spare-0' })).toBeNull(),
      { timeout: 10_000 },
    );
    expect(screen.getByRole('link', { name: 'worker-1' })).toBeInTheDocument();
  });
});
