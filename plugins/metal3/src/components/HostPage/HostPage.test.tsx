import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describeHost } from '@metal3-fleet/plugin-metal3-common';
import { Route, Routes } from 'react-router-dom';
import { HostDetailDto, Metal3Api, metal3ApiRef } from '../../api';
import { HostPage } from './HostPage';

function detail(
  overrides: Partial<HostDetailDto> = {},
  status: object = {},
): HostDetailDto {
  return {
    cluster: 'kube-dc-mgmt',
    namespace: 'metal3',
    name: 'worker-0',
    entityRef: 'resource:default/kube-dc-mgmt.metal3.worker-0',
    status: describeHost({
      provisioningState: 'provisioned',
      poweredOn: true,
      online: true,
      ...status,
    }),
    provisioningState: 'provisioned',
    online: true,
    owner: 'group:default/metal3-admins',
    bmc: {
      protocol: 'redfish',
      host: '10.0.0.1',
      address: 'redfish+https://10.0.0.1/redfish/v1/Systems/1',
    },
    labels: {},
    pool: {
      cluster: 'kube-dc-mgmt',
      namespace: 'metal3',
      name: 'kube-dc-workers',
    },
    machine: 'kube-dc-workers-abc',
    node: { name: 'worker-0', ready: 'True', unschedulable: false },
    annotations: {},
    operationHistory: {
      register: { start: '2026-11-25T10:00:00Z', end: '2026-11-25T10:00:10Z' },
      inspect: { start: '2026-11-25T10:00:11Z', end: '2026-11-25T10:08:00Z' },
    },
    hardwareDetails: {
      nics: [
        {
          name: 'eno1',
          mac: '52:54:00:aa:00:01',
          ips: ['10.1.0.5'],
          speedGbps: 25,
          pxe: true,
        },
      ],
      disks: [{ name: '/dev/nvme0n1', sizeBytes: 960e9, type: 'NVME' }],
      cpuCount: 64,
      cpuModel: 'Xeon',
    },
    ...overrides,
  };
}

async function renderHost(api: Partial<Metal3Api>, allowed = true) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [metal3ApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          }),
        ],
      ]}
    >
      <Routes>
        <Route
          path="/metal3/hosts/:cluster/:namespace/:name"
          element={<HostPage />}
        />
      </Routes>
    </TestApiProvider>,
    { routeEntries: ['/metal3/hosts/kube-dc-mgmt/metal3/worker-0'] },
  );
}

describe('HostPage', () => {
  it('shows the error with its guided fix', async () => {
    await renderHost({
      getHost: async () =>
        detail(
          {
            provisioningState: 'registering',
            pool: undefined,
            node: undefined,
            machine: undefined,
          },
          {
            provisioningState: 'registering',
            operationalStatus: 'error',
            errorType: 'registration error',
            errorMessage: 'Failed to authenticate',
          },
        ),
    });
    expect(
      (await screen.findAllByText('Registration error')).length,
    ).toBeGreaterThan(0);
    expect(screen.getByText('Failed to authenticate')).toBeInTheDocument();
    expect(screen.getByText(/Run the BMC preflight/)).toBeInTheDocument();
  });

  it('confirms a power-off naming the node and pool it takes down, then runs it', async () => {
    const runHostAction = jest.fn(async () => ({
      changed: true,
      message: 'worker-0 set offline',
    }));
    await renderHost({ getHost: async () => detail(), runHostAction });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Power off' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        /Node worker-0 and every pod on it \(pool kube-dc-workers\)/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Power off' }),
    );
    expect(runHostAction).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'worker-0' }),
      'power-off',
      undefined,
    );
  });

  it('only offers what applies: no re-inspect on a provisioned host', async () => {
    await renderHost({ getHost: async () => detail() });
    expect(
      await screen.findByRole('button', { name: 'Remove from pool' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Re-inspect' }),
    ).not.toBeInTheDocument();
  });

  it('shows hardware and the lifecycle', async () => {
    await renderHost({ getHost: async () => detail() });
    await userEvent.click(await screen.findByRole('tab', { name: 'Hardware' }));
    expect(screen.getByText('52:54:00:aa:00:01')).toBeInTheDocument();
    expect(screen.getByText('960 GB')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'Lifecycle' }));
    expect(screen.getByText(/took 7m/)).toBeInTheDocument();
  });

  it('shows a missing host as an error', async () => {
    await renderHost({
      getHost: async () => {
        throw new Error(
          'No BareMetalHost metal3/worker-0 in cluster kube-dc-mgmt',
        );
      },
    });
    expect(
      (await screen.findAllByText(/No BareMetalHost metal3\/worker-0/)).length,
    ).toBeGreaterThan(0);
  });
  it('names the pods on the node when the API counts them', async () => {
    await renderHost({
      getHost: async () =>
        detail({
          node: {
            name: 'worker-0',
            ready: 'True',
            unschedulable: false,
            podCount: 14,
          },
        }),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Maintenance' }),
    );
    expect(
      within(await screen.findByRole('dialog')).getByText(
        /evicts the 14 pods on it/,
      ),
    ).toBeInTheDocument();
  });

  it('reads the live BMC panel when its tab opens, not before', async () => {
    const getHostBmc = jest.fn(async () => ({
      protocol: 'redfish' as const,
      readAt: new Date().toISOString(),
      system: { powerState: 'Off' as const, health: 'OK' as const },
      errors: [],
    }));
    await renderHost({ getHost: async () => detail(), getHostBmc });
    await userEvent.click(await screen.findByRole('tab', { name: 'Live BMC' }));
    expect(await screen.findByText(/Read from the BMC/)).toBeInTheDocument();
    expect(getHostBmc).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'worker-0' }),
      { refresh: false },
    );
  });
});
