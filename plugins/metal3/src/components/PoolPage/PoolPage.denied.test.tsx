import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import { describePool } from '@metal3-fleet/plugin-metal3-common';
import { Route, Routes } from 'react-router-dom';
import { metal3ApiRef, PoolDetailDto } from '../../api';
import { pooledHost } from '../../testUtils/fixtures';
import { PoolPage } from './PoolPage';

// Its own file: usePermission caches decisions for the whole test file.
const pool: PoolDetailDto = {
  cluster: 'kube-dc-mgmt',
  namespace: 'metal3',
  name: 'kube-dc-workers',
  entityRef: 'resource:default/kube-dc-mgmt.metal3.kube-dc-workers',
  desiredReplicas: 1,
  replicas: 1,
  readyReplicas: 1,
  availableReplicas: 1,
  upToDateReplicas: 1,
  health: describePool({
    desired: 1,
    current: 1,
    available: 1,
    freeMatchingHosts: 0,
  }),
  freeMatchingHosts: 0,
  owner: 'group:default/metal3-admins',
  members: [pooledHost('worker-0')],
  healthChecks: [],
  remediations: [],
};

describe('PoolPage without permission', () => {
  it('disables scale and upgrade and offers no removal', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [metal3ApiRef, { getPool: async () => pool }],
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.DENY }),
          ],
        ]}
      >
        <Routes>
          <Route
            path="/metal3/pools/:cluster/:namespace/:name"
            element={<PoolPage />}
          />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/metal3/pools/kube-dc-mgmt/metal3/kube-dc-workers'] },
    );
    const table = await screen.findByRole('table', {
      name: 'bare-metal hosts',
    });
    await waitFor(() =>
      expect(screen.getByText('Scale').closest('a,button')).toHaveAttribute(
        'aria-disabled',
        'true',
      ),
    );
    expect(within(table).queryByText('Remove…')).not.toBeInTheDocument();
  });
});
