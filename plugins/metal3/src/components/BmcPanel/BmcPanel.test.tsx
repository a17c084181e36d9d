import {
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BmcTelemetryDto } from '@metal3-fleet/plugin-metal3-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Metal3Client, metal3ApiRef } from '../../api';
import { BmcPanel } from './BmcPanel';

const BASE = 'http://backend/api/metal3';
const BMC_URL = `${BASE}/hosts/kube-dc-mgmt/metal3/worker-0/bmc`;
const server = setupServer();

const telemetry: BmcTelemetryDto = {
  protocol: 'redfish',
  readAt: new Date(Date.now() - 90_000).toISOString(),
  system: {
    manufacturer: 'Dell Inc.',
    model: 'PowerEdge R650',
    serialNumber: 'SN123',
    biosVersion: '1.9.2',
    powerState: 'On',
    health: 'Warning',
  },
  sensors: {
    powerConsumedWatts: 312,
    sensors: [
      {
        name: 'CPU1 Temp',
        kind: 'temperature',
        reading: 61,
        unit: 'Cel',
        health: 'OK',
      },
      {
        name: 'Fan 3',
        kind: 'fan',
        reading: 0,
        unit: 'RPM',
        health: 'Critical',
      },
    ],
  },
  logEntries: [
    {
      id: '1',
      created: '2026-11-25T09:00:00Z',
      severity: 'OK',
      message: 'Log cleared',
    },
    {
      id: '2',
      created: '2026-11-25T10:00:00Z',
      severity: 'Critical',
      message: 'Fan 3 failed',
    },
  ],
  errors: [{ part: 'firmware', message: 'UpdateService returned 503' }],
};

async function renderPanel() {
  const client = new Metal3Client({
    discoveryApi: { getBaseUrl: async () => BASE },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
  return renderInTestApp(
    <TestApiProvider apis={[[metal3ApiRef, client]]}>
      <BmcPanel
        host={{
          cluster: 'kube-dc-mgmt',
          namespace: 'metal3',
          name: 'worker-0',
        }}
      />
    </TestApiProvider>,
  );
}

describe('BmcPanel', () => {
  registerMswTestHooks(server);

  it('shows power, health, sensors (failing first), recent events, the age and per-part errors', async () => {
    const queries: string[] = [];
    server.use(
      http.get(BMC_URL, ({ request }) => {
        queries.push(new URL(request.url).search);
        return HttpResponse.json(telemetry);
      }),
    );
    await renderPanel();
    expect(
      await screen.findByText('Read from the BMC (redfish) 1m ago'),
    ).toBeInTheDocument();
    expect(screen.getByText('On')).toBeInTheDocument();
    expect(screen.getByText('312 W')).toBeInTheDocument();
    expect(screen.getByText('PowerEdge R650')).toBeInTheDocument();

    const sensorRows = within(screen.getByRole('table', { name: 'sensors' }))
      .getAllByRole('row')
      .slice(1);
    expect(sensorRows[0]).toHaveTextContent('Fan 3');
    expect(sensorRows[1]).toHaveTextContent('61 °C');

    const logRows = within(screen.getByRole('table', { name: 'event log' }))
      .getAllByRole('row')
      .slice(1);
    expect(logRows[0]).toHaveTextContent('Fan 3 failed');

    expect(screen.getByText(/Could not read the firmware/)).toBeInTheDocument();
    expect(
      screen.getByText('The BMC reports no firmware.'),
    ).toBeInTheDocument();

    // "Read now" bypasses the backend's cache, once.
    await userEvent.click(screen.getByRole('button', { name: 'Read now' }));
    await waitFor(() => expect(queries).toEqual(['', '?refresh=true']));
  });

  it('says why when the BMC cannot be read at all', async () => {
    server.use(
      http.get(BMC_URL, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'No BMC credentials Secret worker-0-bmc-secret',
            },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    await renderPanel();
    expect(
      await screen.findByText('Live BMC data is not available for this host.'),
    ).toBeInTheDocument();
    expect(
      (await screen.findAllByText(/No BMC credentials Secret/)).length,
    ).toBeGreaterThan(0);
  });
});
