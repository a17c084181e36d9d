import {
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type {
  EventListResponse,
  HostHistoryResponse,
} from '@metal3-fleet/plugin-metal3-common';
import { screen, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Metal3Client, metal3ApiRef } from '../../api';
import { HostHistory } from './HostHistory';

const BASE = 'http://backend/api/metal3';
const HOST = `${BASE}/hosts/kube-dc-mgmt/metal3/worker-0`;
const server = setupServer();

const minutesAgo = (m: number) =>
  new Date(Date.now() - m * 60_000).toISOString();

const history = (
  extra: Partial<HostHistoryResponse> = {},
): HostHistoryResponse => ({
  since: minutesAgo(24 * 60),
  sampling: true,
  sampleIntervalSeconds: 300,
  readings: [
    { readAt: minutesAgo(15), powerWatts: 231, temperatureCelsius: 48 },
    { readAt: minutesAgo(10), powerWatts: 246.4, temperatureCelsius: 51.2 },
  ],
  operations: [
    {
      id: 'op-1',
      action: 'maintenance-on',
      target: {
        cluster: 'kube-dc-mgmt',
        namespace: 'metal3',
        name: 'worker-0',
      },
      state: 'succeeded',
      startedAt: minutesAgo(90),
      finishedAt: minutesAgo(80),
      log: [],
      result: 'node w-0 cordoned and drained (7 pods evicted)',
    },
  ],
  ...extra,
});

const events: EventListResponse = {
  items: [
    {
      type: 'Warning',
      reason: 'PowerOff',
      message: 'host powered off by user:default/alice',
      count: 1,
      lastSeen: minutesAgo(30),
      object: 'BareMetalHost/worker-0',
    },
  ],
};

function serve(
  historyAnswer: () => Response | Promise<Response>,
  eventsAnswer: () => Response | Promise<Response> = () =>
    HttpResponse.json(events),
) {
  server.use(
    http.get(`${HOST}/history`, historyAnswer),
    http.get(`${HOST}/events`, eventsAnswer),
  );
}

const renderHistory = () =>
  renderInTestApp(
    <TestApiProvider
      apis={[
        [
          metal3ApiRef,
          new Metal3Client({
            discoveryApi: { getBaseUrl: async () => BASE },
            fetchApi: { fetch: (input, init) => fetch(input, init) },
          }),
        ],
      ]}
    >
      <HostHistory
        host={{
          cluster: 'kube-dc-mgmt',
          namespace: 'metal3',
          name: 'worker-0',
        }}
      />
    </TestApiProvider>,
  );

describe('HostHistory', () => {
  registerMswTestHooks(server);

  it('draws power and temperature and lists operations and events newest first', async () => {
    serve(() => HttpResponse.json(history()));
    await renderHistory();

    const chart = await screen.findByRole('figure', {
      name: /power and temperature over the last 24 h/,
    });
    // The lines end at the latest reading.
    expect(chart).toHaveAccessibleName(
      'power and temperature over the last 24 h: latest power 246 W, latest temperature 51 °C',
    );
    expect(chart.querySelectorAll('.recharts-line-curve')).toHaveLength(2);

    const timeline = await screen.findByRole('list', { name: 'host timeline' });
    const lines = within(timeline).getAllByRole('listitem');
    expect(lines.map(l => l.textContent)).toEqual([
      expect.stringMatching(
        /Event: PowerOff \(BareMetalHost\/worker-0\)host powered off by user:default\/alice$/,
      ),
      expect.stringMatching(
        /Operation: Maintenance \(cordon and drain\)node w-0 cordoned and drained \(7 pods evicted\)$/,
      ),
    ]);
  });

  it('shows progress while loading, then says when nothing was read yet', async () => {
    serve(
      async () => {
        // Backstage's Progress shows itself after 250 ms.
        await delay(1000);
        return HttpResponse.json(history({ readings: [], operations: [] }));
      },
      () => HttpResponse.json({ items: [] }),
    );
    await renderHistory();

    expect((await screen.findAllByRole('progressbar')).length).toBeGreaterThan(
      0,
    );
    expect(
      await screen.findByText(
        /No reading in the last 24 h yet: .* every 5 min/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No operation or event in the last 24 h.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('figure')).not.toBeInTheDocument();
  });

  it('says when sampling is off', async () => {
    serve(() => HttpResponse.json(history({ sampling: false, readings: [] })));
    await renderHistory();
    expect(
      await screen.findByText(
        /Sampling is off \(metal3\.bmc\.telemetry\.history\.enabled: false\)/,
      ),
    ).toBeInTheDocument();
  });

  it('names what failed instead of drawing an empty chart', async () => {
    serve(() =>
      HttpResponse.json(
        {
          error: {
            name: 'NotFoundError',
            message: 'No BareMetalHost metal3/worker-0 in cluster kube-dc-mgmt',
          },
        },
        { status: 404 },
      ),
    );
    await renderHistory();
    expect(
      await screen.findByText(/Power and temperature could not be read/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/The timeline could not be read/),
    ).toBeInTheDocument();
    // The backend's words, not a blank card.
    expect(
      screen.getAllByText(
        /No BareMetalHost metal3\/worker-0 in cluster kube-dc-mgmt/,
      ).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('figure')).not.toBeInTheDocument();
  });
});
