import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { describePool } from '@metal3-fleet/plugin-metal3-common';
import { Route, Routes } from 'react-router-dom';
import { Metal3Api, metal3ApiRef } from '../../api';
import { connectedCluster, hostPage, hostRow } from '../../testUtils/fixtures';
import { ClusterEntityContent } from './ClusterEntityContent';
import { ClusterPage } from './ClusterPage';
import { testRoutes } from '../../testUtils/routes';

const pool = {
  cluster: 'kube-dc-mgmt',
  namespace: 'metal3',
  name: 'kube-dc-workers',
  entityRef: 'resource:default/kube-dc-mgmt.metal3.kube-dc-workers',
  desiredReplicas: 3,
  replicas: 3,
  readyReplicas: 2,
  availableReplicas: 2,
  upToDateReplicas: 3,
  version: 'v1.33.0',
  health: describePool({
    desired: 3,
    current: 3,
    available: 2,
    freeMatchingHosts: 1,
  }),
  freeMatchingHosts: 1,
  owner: 'group:default/metal3-admins',
};

const api: Partial<Metal3Api> = {
  listClusters: async () => [connectedCluster],
  listHosts: async () =>
    hostPage([hostRow('worker-0'), hostRow('worker-1')], {
      facets: {
        status: { provisioned: 2, error: 1 },
        pool: {},
        cluster: {},
        vendor: {},
        protocol: {},
      },
      total: 3,
    }),
  listPools: async () => [
    pool,
    { ...pool, cluster: 'edge-1', name: 'edge-pool' },
  ],
};

const renderRoute = (overrides: Partial<Metal3Api> = {}) =>
  renderInTestApp(
    <TestApiProvider apis={[[metal3ApiRef, { ...api, ...overrides }]]}>
      <Routes>
        <Route path="/metal3/clusters/:name" element={<ClusterPage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: ['/metal3/clusters/kube-dc-mgmt'],
      mountedRoutes: testRoutes(),
    },
  );

describe('ClusterPage', () => {
  it('shows connection health, hosts by status linking to the fleet, and its pools only', async () => {
    await renderRoute();
    expect(await screen.findByText('connected')).toBeInTheDocument();
    const byStatus = screen.getByLabelText('hosts by status');
    expect(within(byStatus).getByText('error: 1').closest('a')).toHaveAttribute(
      'href',
      '/metal3?cluster=kube-dc-mgmt&status=error',
    );
    const pools = screen.getByRole('table', { name: 'pools' });
    expect(within(pools).getByText('kube-dc-workers')).toBeInTheDocument();
    expect(within(pools).getByText('2 / 3')).toBeInTheDocument();
    expect(within(pools).queryByText('edge-pool')).not.toBeInTheDocument();
  });

  it('shows the age of the data of an unreachable cluster', async () => {
    await renderRoute({
      listClusters: async () => [
        {
          ...connectedCluster,
          connected: false,
          staleSince: new Date(Date.now() - 300_000).toISOString(),
          lastError: 'ECONNREFUSED',
        },
      ],
    });
    expect(
      await screen.findByText(/Unreachable: showing data from 5m ago/),
    ).toBeInTheDocument();
    expect(screen.getByText('unreachable')).toBeInTheDocument();
  });

  it('shows a refused token with what is wrong and how to fix it', async () => {
    await renderRoute({
      listClusters: async () => [
        {
          ...connectedCluster,
          connected: false,
          server: 'https://127.0.0.1:6443',
          staleSince: new Date(Date.now() - 120_000).toISOString(),
          lastError: 'Unauthorized',
          problem: {
            code: 'unauthorized',
            message:
              "Cluster kube-dc-mgmt: the API server at https://127.0.0.1:6443 refused the portal's credentials (401 Unauthorized)",
            fix: 'The credentials of context "kube-dc-mgmt" in /etc/portal/kubeconfig (metal3.clusters[0].kubeconfig.file) expired or were rotated.',
          },
        },
      ],
    });
    expect(
      await screen.findByText(
        /Credentials refused \(401\): showing data from 2m ago/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/refused the portal's credentials \(401 Unauthorized\)/),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('how to fix')).toHaveTextContent(
      'metal3.clusters[0].kubeconfig.file',
    );
    expect(screen.getByText('https://127.0.0.1:6443')).toBeInTheDocument();
  });

  it('names CRDs a connected cluster lacks', async () => {
    await renderRoute({
      listClusters: async () => [
        {
          ...connectedCluster,
          unavailable: ['ippools'],
          problem: {
            code: 'missing-crds',
            message:
              'Cluster kube-dc-mgmt serves no ippools.ipam.metal3.io (CRD not installed)',
            fix: 'Install the missing CRDs.',
          },
        },
      ],
    });
    expect(
      await screen.findByText('Info: Resources not installed'),
    ).toBeInTheDocument();
    expect(screen.getByText(/ippools\.ipam\.metal3\.io/)).toBeInTheDocument();
    expect(screen.getByText('connected')).toBeInTheDocument();
  });

  it('says when the cluster is not configured', async () => {
    await renderRoute({ listClusters: async () => [] });
    expect(
      await screen.findByText('No cluster named kube-dc-mgmt is configured'),
    ).toBeInTheDocument();
  });

  it('shows the backend error, e.g. a denied read', async () => {
    await renderRoute({
      listHosts: async () => {
        throw new Error('not allowed to metal3.host.read');
      },
    });
    expect(
      (await screen.findAllByText(/not allowed to metal3.host.read/)).length,
    ).toBeGreaterThan(0);
  });

  it('is the bare-metal tab of a kubernetes-cluster entity', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[metal3ApiRef, api]]}>
        <EntityProvider
          entity={{
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Resource',
            metadata: {
              name: 'kube-dc-mgmt-entity',
              annotations: {
                'backstage.io/kubernetes-cluster': 'kube-dc-mgmt',
              },
            },
            spec: { type: 'kubernetes-cluster' },
          }}
        >
          <ClusterEntityContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('Kube-DC management')).toBeInTheDocument();
  });
});
