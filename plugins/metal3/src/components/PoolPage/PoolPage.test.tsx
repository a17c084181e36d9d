import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { describePool } from '@internal/plugin-metal3-common';
import { Route, Routes } from 'react-router-dom';
import { Metal3Api, metal3ApiRef, PoolDetailDto } from '../../api';
import { PoolPage } from './PoolPage';

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
  healthChecks: [{ name: 'kube-dc-workers-mhc' }],
  remediations: [],
};

async function renderPool(api: Partial<Metal3Api>) {
  return renderInTestApp(
    <TestApiProvider apis={[[metal3ApiRef, api]]}>
      <Routes>
        <Route
          path="/metal3/pools/:cluster/:namespace/:name"
          element={<PoolPage />}
        />
      </Routes>
    </TestApiProvider>,
    { routeEntries: ['/metal3/pools/kube-dc-mgmt/metal3/kube-dc-workers'] },
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
});
