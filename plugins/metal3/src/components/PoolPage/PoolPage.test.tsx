import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen, within } from '@testing-library/react';
import { describePool } from '@metal3-fleet/plugin-metal3-common';
import { Route, Routes } from 'react-router-dom';
import { Metal3Api, metal3ApiRef, PoolDetailDto } from '../../api';
import { pooledHost } from '../../testUtils/fixtures';
import { PoolPage } from './PoolPage';
import { testRoutes } from '../../testUtils/routes';

const pool: PoolDetailDto = {
  cluster: 'kube-dc-mgmt',
  namespace: 'metal3',
  name: 'kube-dc-workers',
  entityRef: 'resource:default/kube-dc-mgmt.metal3.kube-dc-workers',
  clusterName: 'kube-dc',
  desiredReplicas: 3,
  replicas: 2,
  readyReplicas: 2,
  availableReplicas: 2,
  upToDateReplicas: 2,
  phase: 'ScalingUp',
  health: describePool({
    desired: 3,
    current: 2,
    available: 2,
    freeMatchingHosts: 0,
  }),
  version: 'v1.33.0',
  template: {
    name: 'workers-v1',
    imageUrl: 'http://images/ubuntu.qcow2',
    hostSelector: 'pool=workers',
  },
  freeMatchingHosts: 0,
  owner: 'group:default/metal3-admins',
  members: [],
  healthChecks: [{ name: 'kube-dc-workers-mhc', unhealthyNodeConditions: [] }],
  remediations: [],
};

async function renderPool(api: Partial<Metal3Api>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [metal3ApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <Routes>
        <Route
          path="/metal3/pools/:cluster/:namespace/:name"
          element={<PoolPage />}
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: ['/metal3/pools/kube-dc-mgmt/metal3/kube-dc-workers'],
      mountedRoutes: testRoutes(),
    },
  );
}

describe('PoolPage', () => {
  it('says why a scale-up is stuck: no free host matches', async () => {
    await renderPool({ getPool: async () => pool });
    expect(await screen.findByText('Waiting for hosts')).toBeInTheDocument();
    expect(
      screen.getByText(/no available host matches the pool's host selector/),
    ).toBeInTheDocument();
    expect(screen.getByText('pool=workers')).toBeInTheDocument();
    expect(screen.getByText('kube-dc-workers-mhc')).toBeInTheDocument();
  });

  it('shows the error of a missing pool', async () => {
    await renderPool({
      getPool: async () => {
        throw new Error('No MachineDeployment metal3/kube-dc-workers');
      },
    });
    expect(
      (await screen.findAllByText(/No MachineDeployment/)).length,
    ).toBeGreaterThan(0);
  });
  it('opens the scale and upgrade templates prefilled with this pool', async () => {
    await renderPool({ getPool: async () => pool });
    // LinkButton: an anchor styled (and announced) as a button.
    const scale = (await screen.findByText('Scale')).closest('a')!;
    const formData = (link: HTMLElement) =>
      JSON.parse(
        new URL(link.getAttribute('href')!, 'http://x').searchParams.get(
          'formData',
        )!,
      );
    expect(scale.getAttribute('href')).toMatch(
      /^\/create\/templates\/default\/metal3-scale-pool\?formData=/,
    );
    expect(formData(scale)).toEqual({
      cluster: 'kube-dc-mgmt',
      namespace: 'metal3',
      pool: 'kube-dc-workers',
      replicas: 3,
    });
    const upgrade = screen.getByText('Upgrade').closest('a')!;
    expect(formData(upgrade)).toEqual({
      cluster: 'kube-dc-mgmt',
      namespace: 'metal3',
      pool: 'kube-dc-workers',
      imageUrl: 'http://images/ubuntu.qcow2',
      kubernetesVersion: 'v1.33.0',
    });
  });

  it('lists member hosts, each with a link to the remove-host template', async () => {
    await renderPool({
      getPool: async () => ({ ...pool, members: [pooledHost('worker-3')] }),
    });
    const table = await screen.findByRole('table', {
      name: 'bare-metal hosts',
    });
    expect(
      within(table).getByRole('link', { name: 'worker-3' }),
    ).toBeInTheDocument();
    const remove = await within(table).findByRole('link', {
      name: 'remove worker-3',
    });
    expect(decodeURIComponent(remove.getAttribute('href')!)).toContain(
      'metal3-remove-host?formData={"cluster":"kube-dc-mgmt","namespace":"metal3","host":"worker-3"}',
    );
  });

  it('says when a pool has no member yet', async () => {
    await renderPool({
      getPool: async () => ({ ...pool, freeMatchingHosts: 2 }),
    });
    expect(
      await screen.findByText(
        /No host is in this pool yet \(2 free hosts match its selector\)/,
      ),
    ).toBeInTheDocument();
  });
});
