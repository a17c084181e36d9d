import { mockApis } from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import { describePool } from '@metal3-fleet/plugin-metal3-common';
import { PoolDetailDto } from '../../api';
import { pooledHost } from '../../testUtils/fixtures';
import { renderPoolPage } from './__testUtils__/renderPoolPage';

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
    await renderPoolPage(
      { getPool: async () => pool },
      mockApis.permission({ authorize: AuthorizeResult.DENY }),
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
