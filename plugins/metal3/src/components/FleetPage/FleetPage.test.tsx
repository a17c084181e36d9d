import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  describeHost,
  HostListResponse,
} from '@metal3-fleet/plugin-metal3-common';
import { Metal3Api, metal3ApiRef } from '../../api';
import { mockViewportWidth } from '../../testUtils/viewport';
import { FleetPage } from './FleetPage';

const host = (name: string, state: string, extra: object = {}) => ({
  cluster: 'kube-dc-mgmt',
  namespace: 'metal3',
  name,
  entityRef: `resource:default/kube-dc-mgmt.metal3.${name}`,
  status: describeHost({
    provisioningState: state,
    poweredOn: true,
    online: true,
    ...extra,
  }),
  provisioningState: state,
  owner: 'group:default/metal3-admins',
  bmc: { protocol: 'redfish', host: '10.0.0.1' },
  labels: {},
  hardware: {
    manufacturer: 'Dell Inc.',
    productName: 'R650',
    cpuCores: 64,
    ramGiB: 256,
  },
});

const page = (
  items: any[],
  extra: Partial<HostListResponse> = {},
): HostListResponse => ({
  items,
  total: items.length,
  facets: {
    status: { available: 1, error: 1 },
    pool: {},
    cluster: { 'kube-dc-mgmt': 2 },
    vendor: { 'Dell Inc.': 2 },
    protocol: { redfish: 2 },
  },
  staleClusters: [],
  ...extra,
});

const cluster = {
  name: 'kube-dc-mgmt',
  title: 'Kube-DC management',
  authProvider: 'kubeconfig',
  connected: true,
  synced: true,
  unavailable: [],
  hosts: 2,
  pools: 1,
};

function renderWith(api: Partial<Metal3Api>, route = '/metal3') {
  return renderInTestApp(
    <TestApiProvider
      apis={[[metal3ApiRef, { listClusters: async () => [cluster], ...api }]]}
    >
      <FleetPage />
    </TestApiProvider>,
    { routeEntries: [route] },
  );
}

describe('FleetPage', () => {
  let restoreViewport = () => {};
  afterEach(() => restoreViewport());

  it('shows hosts with readable status, hardware and counts by status', async () => {
    // 1920 px: the vendor column shows by default
    restoreViewport = mockViewportWidth(1920);
    await renderWith({
      listHosts: async () =>
        page([
          host('worker-0', 'available'),
          host('worker-1', 'registering', {
            operationalStatus: 'error',
            errorType: 'registration error',
            errorMessage: 'bad credentials',
          }),
        ]),
    });
    expect(await screen.findByText('worker-0')).toBeInTheDocument();
    expect(screen.getByText('Registration error')).toBeInTheDocument();
    expect(screen.getByText('available: 1')).toBeInTheDocument();
    expect(screen.getAllByText('Dell Inc. R650')).toHaveLength(2);
    expect(screen.getByText('Hosts (2)')).toBeInTheDocument();
  });

  it('takes its filters from the URL and sends them to the API', async () => {
    const listHosts = jest.fn(async () =>
      page([host('worker-0', 'available')]),
    );
    await renderWith({ listHosts }, '/metal3?status=available&q=dell%20-gpu');
    await screen.findByText('worker-0');
    expect(listHosts).toHaveBeenCalledWith(
      expect.objectContaining({
        status: ['available'],
        q: 'dell -gpu',
        limit: 25,
      }),
    );
  });

  it('pages with the cursor the API returned', async () => {
    const listHosts = jest.fn(async (params: any) =>
      params.cursor
        ? page([host('worker-50', 'available')], { total: 51 })
        : page([host('worker-0', 'available')], {
            total: 51,
            nextCursor: 'c1',
          }),
    );
    await renderWith({ listHosts });
    await screen.findByText('worker-0');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('worker-50')).toBeInTheDocument();
    expect(listHosts).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'c1' }),
    );
  });

  it('warns that an unreachable cluster shows stale data with its age', async () => {
    const staleSince = new Date(Date.now() - 120_000).toISOString();
    await renderWith({
      listClusters: async () => [
        { ...cluster, connected: false, staleSince, lastError: 'ECONNREFUSED' },
      ],
      listHosts: async () => page([host('worker-0', 'available')]),
    });
    expect(
      await screen.findByText(/is unreachable: showing data from 2m ago/),
    ).toBeInTheDocument();
  });

  it('explains how to add a cluster when none is configured', async () => {
    await renderWith({
      listClusters: async () => [],
      listHosts: async () => page([]),
    });
    expect(
      await screen.findByText('No clusters configured'),
    ).toBeInTheDocument();
  });

  it('shows the backend error, e.g. a denied permission', async () => {
    await renderWith({
      listHosts: async () => {
        throw new Error('You are not allowed to metal3.host.read');
      },
    });
    await waitFor(() =>
      expect(
        screen.getAllByText(/not allowed to metal3.host.read/).length,
      ).toBeGreaterThan(0),
    );
  });
});
