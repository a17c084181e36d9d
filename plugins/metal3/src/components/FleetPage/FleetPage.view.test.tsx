import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { storageApiRef } from '@backstage/frontend-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Metal3Api, metal3ApiRef } from '../../api';
import {
  connectedCluster,
  hostPage,
  hostRow,
  pooledHost,
} from '../../testUtils/fixtures';
import { testRoutes } from '../../testUtils/routes';
import { FleetPage } from './FleetPage';

const fleet = [
  pooledHost('worker-0'),
  hostRow(
    'spare-0',
    { provisioningState: 'available' },
    { provisioningState: 'available' },
  ),
  pooledHost('worker-1'),
];

function renderWith(
  api: Partial<Metal3Api>,
  options: {
    route?: string;
    storage?: ReturnType<typeof mockApis.storage>;
  } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [
          metal3ApiRef,
          {
            listClusters: async () => [connectedCluster],
            listHosts: async () => hostPage(fleet),
            ...api,
          },
        ],
        [storageApiRef, options.storage ?? mockApis.storage()],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <FleetPage />
    </TestApiProvider>,
    { routeEntries: [options.route ?? '/metal3'], mountedRoutes: testRoutes() },
  );
}

const groupHeaders = () =>
  screen
    .getAllByRole('row')
    .filter(r => r.getAttribute('aria-label')?.startsWith('group '))
    .map(r => r.getAttribute('aria-label'));

describe('FleetPage views', () => {
  it('groups by pool with fleet-wide totals, sorting by the group field', async () => {
    const listHosts = jest.fn(async () =>
      hostPage(fleet, {
        total: 40,
        facets: {
          ...hostPage(fleet).facets,
          pool: { 'kube-dc-workers': 30, '(none)': 10 },
        },
      }),
    );
    await renderWith({ listHosts });
    await screen.findByRole('link', { name: 'worker-0' });
    await userEvent.click(screen.getByLabelText('Group by'));
    await userEvent.click(await screen.findByRole('option', { name: 'Pool' }));

    await waitFor(() =>
      expect(groupHeaders()).toEqual(['group kube-dc-workers', 'group (none)']),
    );
    const workers = screen.getByRole('row', { name: 'group kube-dc-workers' });
    expect(
      within(workers).getByText('2 on this page, 30 in all'),
    ).toBeInTheDocument();
    expect(listHosts).toHaveBeenLastCalledWith(
      expect.objectContaining({ sort: 'pool' }),
    );
  });

  it('selects a whole group from its header', async () => {
    await renderWith({}, { route: '/metal3?group=pool' });
    await screen.findByRole('link', { name: 'worker-0' });
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'select group kube-dc-workers' }),
    );
    expect(await screen.findByText('2 selected')).toBeInTheDocument();
    expect(
      screen.getByRole('checkbox', { name: 'select spare-0' }),
    ).not.toBeChecked();
  });

  it('hides a column from the chooser and remembers it', async () => {
    const storage = mockApis.storage();
    const { unmount } = await renderWith({}, { storage });
    await screen.findByRole('link', { name: 'worker-0' });
    expect(
      screen.getByRole('columnheader', { name: 'Owner' }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Columns' }));
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'column Owner' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('columnheader', { name: 'Owner' }),
      ).not.toBeInTheDocument(),
    );
    expect(
      storage.forBucket('metal3').snapshot<string[]>('fleet-columns').value,
    ).not.toContain('owner');
    // The host name cannot be hidden: a row would name nothing.
    expect(screen.getByRole('checkbox', { name: 'column Host' })).toBeChecked();
    unmount();

    await renderWith({}, { storage });
    await screen.findByRole('link', { name: 'worker-0' });
    expect(
      screen.queryByRole('columnheader', { name: 'Owner' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('columnheader', { name: 'Cluster' }),
    ).toBeInTheDocument();
  });

  it('counts hosts by pool and filters on a click', async () => {
    const listHosts = jest.fn(async () => hostPage(fleet));
    await renderWith({ listHosts });
    const byPool = await screen.findByLabelText('hosts by pool');
    await userEvent.click(within(byPool).getByText('kube-dc-workers: 2'));
    await waitFor(() =>
      expect(listHosts).toHaveBeenLastCalledWith(
        expect.objectContaining({ pool: ['kube-dc-workers'] }),
      ),
    );
  });

  it('lists the hosts that need attention with the reason and fix', async () => {
    const broken = hostRow(
      'worker-7',
      {},
      {
        provisioningState: 'registering',
        operationalStatus: 'error',
        errorType: 'registration error',
        errorMessage: 'bad credentials',
      },
    );
    const listHosts = jest.fn(async (params: any) =>
      params.attention ? hostPage([broken]) : hostPage(fleet),
    );
    await renderWith({ listHosts });
    await userEvent.click(await screen.findByText(/Needs attention: 1 host/));
    const list = await screen.findByRole('list', {
      name: 'hosts needing attention',
    });
    expect(within(list).getByText('worker-7')).toBeInTheDocument();
    expect(
      within(list).getByText(/Registration error: .*preflight/i),
    ).toBeInTheDocument();
    expect(listHosts).toHaveBeenCalledWith(
      expect.objectContaining({ attention: true, sort: '-timeInState' }),
    );
  });

  it('shows the age of a stale cluster named only by the host list', async () => {
    await renderWith({
      listHosts: async () =>
        hostPage([{ ...hostRow('worker-0'), stale: true }], {
          staleClusters: [
            {
              name: 'edge-1',
              staleSince: new Date(Date.now() - 3_600_000).toISOString(),
              lastError: 'connect ETIMEDOUT',
            },
          ],
        }),
    });
    expect(
      await screen.findByText(
        /Cluster edge-1 is unreachable: showing data from 1h/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'worker-0' })).toBeInTheDocument();
  });

  it('says when no host matches', async () => {
    await renderWith({ listHosts: async () => hostPage([]) });
    expect(
      await screen.findByText('No host matches these filters.'),
    ).toBeInTheDocument();
  });
});
