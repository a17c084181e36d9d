import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import type { ClusterDto } from '@metal3-fleet/plugin-metal3-common';
import { testRoutes } from '../../testUtils/routes';
import { FleetRunbookHeader } from './FleetRunbookHeader';

// The banner takes the clusters the fleet page already loaded (GET /clusters,
// whose answer the page's own msw tests cover), so it is rendered with them.
const cluster = (name: string, stack?: ClusterDto['stack']): ClusterDto => ({
  name,
  title: name,
  authProvider: 'kubeconfig',
  connected: true,
  synced: true,
  unavailable: [],
  hosts: 1,
  pools: 1,
  stack,
});

describe('FleetRunbookHeader', () => {
  it('warns once per unhealthy cluster with its first fix and a link to its page', async () => {
    await renderInTestApp(
      <FleetRunbookHeader
        clusters={[
          cluster('kube-dc-mgmt', {
            unhealthy: true,
            problems: 1,
            unknown: 0,
            first: {
              title:
                'CAPM3 is scaled to 0: capm3-system/capm3-controller-manager',
              fix: { text: 'Scale it back up.', guide: 'Phase 1.3' },
            },
          }),
          cluster('edge-lab', { unhealthy: false, problems: 0, unknown: 0 }),
          cluster('old'),
        ]}
      />,
      { mountedRoutes: testRoutes() },
    );
    expect(
      screen.getByText(
        /The Metal3 stack of cluster kube-dc-mgmt is unhealthy: 1 problem$/,
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/The Metal3 stack of cluster/)).toHaveLength(1);
    expect(screen.getByText(/CAPM3 is scaled to 0/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open cluster kube-dc-mgmt' }),
    ).toHaveAttribute('href', '/metal3/clusters/kube-dc-mgmt');
    expect(
      screen.getByRole('link', { name: 'OS images in use' }),
    ).toHaveAttribute('href', '/metal3/images');
  });
});
