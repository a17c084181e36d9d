import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { act, screen, waitFor, within } from '@testing-library/react';
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
import { FleetPage } from './FleetPage';

const BASE = 'http://backend/api/metal3';
const server = setupServer();

const fleet = [
  pooledHost('worker-0'),
  pooledHost('worker-1'),
  hostRow('spare-0', { provisioningState: 'available', online: false }),
];

/** The real client against msw, so the test sees the POSTs themselves. */
function renderFleet(allow: (resourceRef?: string) => boolean) {
  const client = new Metal3Client({
    discoveryApi: { getBaseUrl: async () => BASE },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [metal3ApiRef, client],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: request =>
              allow('resourceRef' in request ? request.resourceRef : undefined)
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          }),
        ],
      ]}
    >
      <FleetPage />
    </TestApiProvider>,
    { routeEntries: ['/metal3'] },
  );
}

describe('FleetPage bulk actions', () => {
  registerMswTestHooks(server);

  let posts: string[];
  beforeEach(() => {
    posts = [];
    server.use(
      http.get(`${BASE}/clusters`, () =>
        HttpResponse.json({ items: [connectedCluster] }),
      ),
      http.get(`${BASE}/hosts`, () => HttpResponse.json(hostPage(fleet))),
      http.post(
        `${BASE}/hosts/:cluster/:namespace/:name/actions/:action`,
        ({ params }) => {
          posts.push(`${params.name}:${params.action}`);
          if (params.name === 'worker-1') {
            return HttpResponse.json(
              {
                error: {
                  name: 'ConflictError',
                  message: 'machine is deleting',
                },
                response: { statusCode: 409 },
              },
              { status: 409 },
            );
          }
          return HttpResponse.json({ changed: true, message: 'ok' });
        },
      ),
    );
  });

  it('confirms naming the impact, POSTs one action per eligible host and reports each result', async () => {
    await renderFleet(() => true);
    const table = await screen.findByRole('table', {
      name: 'bare-metal hosts',
    });
    await userEvent.click(
      within(table).getByRole('checkbox', {
        name: 'select every host on this page',
      }),
    );
    const bar = screen.getByRole('toolbar', { name: 'bulk actions' });
    expect(within(bar).getByText('3 selected')).toBeInTheDocument();
    await waitFor(() =>
      expect(
        within(bar).getByRole('button', { name: 'Remove from pool' }),
      ).toBeEnabled(),
    );
    await userEvent.click(
      within(bar).getByRole('button', { name: 'Remove from pool' }),
    );

    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Remove from pool 2 hosts?'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        /2 nodes and every pod on them go down with them: worker-0, worker-1/,
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('Pools affected: kube-dc-workers (2 hosts).'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('Skipped, not in a pool: spare-0.'),
    ).toBeInTheDocument();
    expect(posts).toEqual([]);

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Remove from pool 2 hosts' }),
    );
    expect(
      await within(dialog).findByText('1 of 2 succeeded, 1 failed.'),
    ).toBeInTheDocument();
    expect(posts.sort()).toEqual([
      'worker-0:remove-from-pool',
      'worker-1:remove-from-pool',
    ]);
    expect(within(dialog).getByText('worker-1: failed')).toBeInTheDocument();
    expect(within(dialog).getByText(/machine is deleting/)).toBeInTheDocument();

    // The failed and the skipped hosts stay selected, for another try.
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    expect(await screen.findByText('2 selected')).toBeInTheDocument();
    expect(
      screen.getByRole('checkbox', { name: 'select worker-0' }),
    ).not.toBeChecked();
  });

  it('a double click on the confirmation sends one request per host', async () => {
    await renderFleet(() => true);
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'select worker-0' }),
    );
    const bar = screen.getByRole('toolbar', { name: 'bulk actions' });
    await waitFor(() =>
      expect(
        within(bar).getByRole('button', { name: 'Remove from pool' }),
      ).toBeEnabled(),
    );
    await userEvent.click(
      within(bar).getByRole('button', { name: 'Remove from pool' }),
    );
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', {
      name: 'Remove from pool 1 host',
    });
    // Both clicks land before React re-renders the button disabled.
    act(() => {
      confirm.click();
      confirm.click();
    });
    await within(dialog).findByText('1 of 1 succeeded.');
    expect(posts).toEqual(['worker-0:remove-from-pool']);
  });

  it('skips, and names, hosts the policy denies; disables what it denies for all', async () => {
    // Only worker-0 may be changed.
    await renderFleet(ref => ref === 'kube-dc-mgmt/metal3/worker-0');
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'select worker-1' }),
    );
    const bar = screen.getByRole('toolbar', { name: 'bulk actions' });
    await waitFor(() =>
      expect(
        within(bar).getByRole('button', { name: 'Power off' }),
      ).toBeDisabled(),
    );

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'select worker-0' }),
    );
    await waitFor(() =>
      expect(
        within(bar).getByRole('button', { name: 'Power off' }),
      ).toBeEnabled(),
    );
    await userEvent.click(
      within(bar).getByRole('button', { name: 'Power off' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Skipped, not allowed for you: worker-1.'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Power off 1 host' }),
    );
    await within(dialog).findByText('1 of 1 succeeded.');
    expect(posts).toEqual(['worker-0:power-off']);
  });

  it('cancelling sends nothing', async () => {
    await renderFleet(() => true);
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'select worker-0' }),
    );
    const bar = screen.getByRole('toolbar', { name: 'bulk actions' });
    await waitFor(() =>
      expect(
        within(bar).getByRole('button', { name: 'Power off' }),
      ).toBeEnabled(),
    );
    await userEvent.click(
      within(bar).getByRole('button', { name: 'Power off' }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Cancel',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(posts).toEqual([]);
  });
});
