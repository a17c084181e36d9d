import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  describePool,
  PoolSummaryDto,
} from '@metal3-fleet/plugin-metal3-common';
import { Metal3Api, metal3ApiRef } from '../../api';
import { hostPage, hostRow } from '../../testUtils/fixtures';
import { Metal3HostPicker } from './Metal3HostPicker';
import { Metal3PoolPicker } from './Metal3PoolPicker';
import { TestForm } from './testForm';

const pool = (name: string, cluster: string, free: number): PoolSummaryDto => ({
  cluster,
  namespace: 'metal3',
  name,
  entityRef: `resource:default/${cluster}.metal3.${name}`,
  desiredReplicas: 3,
  replicas: 3,
  readyReplicas: 3,
  availableReplicas: 3,
  upToDateReplicas: 3,
  health: describePool({
    desired: 3,
    current: 3,
    available: 3,
    freeMatchingHosts: free,
  }),
  freeMatchingHosts: free,
  owner: 'group:default/metal3-admins',
});

function render(
  api: Partial<Metal3Api>,
  field: [string, any],
  initial: Record<string, unknown>,
  uiOptions: Record<string, object> = {},
) {
  return renderInTestApp(
    <TestApiProvider apis={[[metal3ApiRef, api]]}>
      <TestForm initial={initial} fields={[field]} uiOptions={uiOptions} />
    </TestApiProvider>,
  );
}

const formData = () =>
  JSON.parse(screen.getByLabelText('form data').textContent ?? '{}');

describe('Metal3PoolPicker', () => {
  it('offers the pools of the chosen cluster with their capacity and sets the name', async () => {
    await render(
      {
        listPools: async () => [
          pool('kube-dc-workers', 'kube-dc-mgmt', 4),
          pool('gpu', 'kube-dc-mgmt', 1),
          pool('edge-workers', 'edge-1', 0),
        ],
      },
      ['pool', Metal3PoolPicker],
      { cluster: 'kube-dc-mgmt' },
    );
    await userEvent.click(screen.getByRole('textbox'));
    expect(
      await screen.findByText(/3\/3 ready, 4 free matching hosts/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/3\/3 ready, 1 free matching host ·/),
    ).toBeInTheDocument();
    expect(screen.queryByText('edge-workers')).not.toBeInTheDocument();
    await userEvent.click(screen.getByText('gpu'));
    expect(formData().pool).toBe('gpu');
    // The capacity of the chosen pool stays in view.
    expect(
      screen.getByText('3/3 ready, 1 free matching host'),
    ).toBeInTheDocument();
  });

  it('says when the pools cannot be listed', async () => {
    await render(
      {
        listPools: async () => {
          throw new Error('not allowed to metal3.pool.read');
        },
      },
      ['pool', Metal3PoolPicker],
      {},
    );
    expect(
      await screen.findByText(
        'Could not list pools: not allowed to metal3.pool.read',
      ),
    ).toBeInTheDocument();
  });
});

describe('Metal3HostPicker', () => {
  it("searches on the server within the form's cluster and pool and the statuses asked for", async () => {
    const listHosts = jest.fn(async (params: any) =>
      hostPage(
        [hostRow('worker-0'), hostRow('worker-1')].filter(
          h => !params.q || h.name.includes(params.q),
        ),
      ),
    );
    await render(
      { listHosts },
      ['host', Metal3HostPicker],
      { cluster: 'kube-dc-mgmt', pool: 'kube-dc-workers' },
      { host: { status: ['provisioned'], poolField: 'pool' } },
    );
    await waitFor(() =>
      expect(listHosts).toHaveBeenCalledWith(
        expect.objectContaining({
          status: ['provisioned'],
          cluster: ['kube-dc-mgmt'],
          pool: ['kube-dc-workers'],
        }),
      ),
    );
    await userEvent.type(screen.getByRole('textbox'), '1');
    await waitFor(() =>
      expect(listHosts).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: '1' }),
      ),
    );
    await userEvent.click(await screen.findByText('worker-1'));
    expect(formData().host).toBe('worker-1');
    expect(
      screen.getByText(/Provisioned · no pool · Dell Inc. R650 · 64 cores/),
    ).toBeInTheDocument();
  });
});
