import { registerMswTestHooks, renderInTestApp } from '@backstage/test-utils';
import { describePool } from '@metal3-fleet/plugin-metal3-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Metal3Client, PoolDetailDto } from '../../api';
import { pooledHost } from '../../testUtils/fixtures';
import { PoolCapacity } from './PoolCapacity';
import { renderPoolPage } from './__testUtils__/renderPoolPage';

const BASE = 'http://backend/api/metal3';
const server = setupServer();

const pool = (extra: Partial<PoolDetailDto> = {}): PoolDetailDto => ({
  cluster: 'kube-dc-mgmt',
  namespace: 'metal3',
  name: 'kube-dc-workers',
  entityRef: 'resource:default/kube-dc-mgmt.metal3.kube-dc-workers',
  desiredReplicas: 5,
  replicas: 3,
  readyReplicas: 2,
  availableReplicas: 2,
  upToDateReplicas: 3,
  health: describePool({
    desired: 5,
    current: 3,
    available: 2,
    freeMatchingHosts: 1,
  }),
  freeMatchingHosts: 1,
  owner: 'group:default/metal3-admins',
  members: [
    pooledHost('worker-0'),
    pooledHost('worker-1'),
    pooledHost('worker-2'),
  ],
  healthChecks: [],
  remediations: [],
  ...extra,
});

describe('PoolCapacity', () => {
  registerMswTestHooks(server);

  it('draws members, free matching hosts and the wanted replicas on the pool page', async () => {
    server.use(
      http.get(`${BASE}/pools/kube-dc-mgmt/metal3/kube-dc-workers`, () =>
        HttpResponse.json(pool()),
      ),
    );
    const client = new Metal3Client({
      discoveryApi: { getBaseUrl: async () => BASE },
      fetchApi: { fetch: (input, init) => fetch(input, init) },
    });
    await renderPoolPage(client);

    const capacity = within(
      await screen.findByRole('group', { name: 'pool capacity' }),
    );
    expect(
      capacity.getByRole('img', { name: 'ready members: 2 hosts' }),
    ).toBeInTheDocument();
    expect(
      capacity.getByRole('img', { name: 'members not ready: 1 host' }),
    ).toBeInTheDocument();
    expect(
      capacity.getByRole('img', { name: 'free matching hosts: 1 host' }),
    ).toBeInTheDocument();
    expect(capacity.getByText('wanted replicas: 5')).toBeInTheDocument();
    // 3 members + 1 free host cannot make the 5 it wants
    expect(
      capacity.getByText(/^Short by 1 host: it wants 5 and only 4/),
    ).toBeInTheDocument();
    // the wanted line is drawn past the end of the bar
    const line = document.querySelector('.recharts-reference-line line')!;
    const bars = capacity
      .getAllByRole('img')
      .map(segment => segment.querySelector('rect')!);
    const barEnd = Math.max(
      ...bars.map(
        r => Number(r.getAttribute('x')) + Number(r.getAttribute('width')),
      ),
    );
    expect(Number(line.getAttribute('x1'))).toBeGreaterThan(barEnd);
  });

  it('leaves out the parts a pool has none of and calls an empty pool empty', async () => {
    await renderInTestApp(
      <PoolCapacity
        pool={pool({
          members: [],
          readyReplicas: 0,
          freeMatchingHosts: 0,
          desiredReplicas: 0,
        })}
      />,
    );
    expect(
      screen.getByText(
        'Empty: no member, no free matching host, no replica wanted.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: /hosts?$/ })).toBeNull();
  });

  it('says the counts are old when the cluster is unreachable', async () => {
    await renderInTestApp(<PoolCapacity pool={pool({ stale: true })} />);
    expect(
      screen.getByText(/unreachable: these are the last counts read/),
    ).toBeInTheDocument();
  });

  it('shows progress before the pool is read and the error when it cannot be', async () => {
    const { unmount } = await renderInTestApp(<PoolCapacity loading />);
    // Backstage's Progress shows after a short delay
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    unmount();
    await renderInTestApp(
      <PoolCapacity error={new Error('No MachineDeployment metal3/x')} />,
    );
    expect(screen.getByText(/The pool could not be read/)).toBeInTheDocument();
    expect(
      screen.getAllByText(/No MachineDeployment metal3\/x/).length,
    ).toBeGreaterThan(0);
  });
});
