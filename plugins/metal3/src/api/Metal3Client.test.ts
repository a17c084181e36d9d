import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { registerMswTestHooks } from '@backstage/test-utils';
import type {
  BmcPreflightResponse,
  BmcTelemetryDto,
  ClusterListResponse,
  ErrorResponseDto,
  HostActionChanged,
  HostListResponse,
  OperationResponse,
} from '@metal3-fleet/plugin-metal3-common';
import { Metal3Client } from './Metal3Client';

// The answers below are typed with the wire types the backend builds its
// bodies with, so a fixture cannot be a shape the API never sends.

const server = setupServer();

const cluster = {
  name: 'a',
  title: 'A',
  authProvider: 'inCluster',
  connected: true,
  synced: true,
  unavailable: [],
  hosts: 3,
  pools: 1,
};

const operation: OperationResponse['operation'] = {
  id: 'op-1',
  action: 'maintenance-on',
  target: { cluster: 'kube-dc-mgmt', namespace: 'metal3', name: 'worker-0' },
  state: 'succeeded',
  startedAt: '2026-11-25T10:00:00Z',
  finishedAt: '2026-11-25T10:02:00Z',
  log: [{ at: '2026-11-25T10:00:01Z', message: 'node worker-0 cordoned' }],
  result: 'worker-0 is in maintenance',
};

describe('Metal3Client', () => {
  registerMswTestHooks(server);

  const client = new Metal3Client({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  it('lists clusters from /api/metal3/clusters', async () => {
    server.use(
      http.get('http://backend/api/metal3/clusters', () =>
        HttpResponse.json<ClusterListResponse>({ items: [cluster] }),
      ),
    );
    await expect(client.listClusters()).resolves.toEqual([cluster]);
  });

  it('sends the fleet filters as repeated query parameters', async () => {
    let seen: URLSearchParams | undefined;
    server.use(
      http.get('http://backend/api/metal3/hosts', ({ request }) => {
        seen = new URL(request.url).searchParams;
        return HttpResponse.json<HostListResponse>({
          items: [],
          total: 0,
          facets: {
            status: {},
            pool: {},
            cluster: {},
            vendor: {},
            protocol: {},
          },
          staleClusters: [],
        });
      }),
    );
    await client.listHosts({
      q: 'dell -gpu',
      status: ['available', 'error'],
      label: ['rack=r1', 'gpu'],
      attention: false,
      limit: 50,
    });
    expect(seen?.get('q')).toBe('dell -gpu');
    expect(seen?.getAll('status')).toEqual(['available', 'error']);
    expect(seen?.getAll('label')).toEqual(['rack=r1', 'gpu']);
    expect(seen?.get('limit')).toBe('50');
    expect(seen?.has('attention')).toBe(false);
  });

  it('posts a host action to the host it names', async () => {
    let body: unknown;
    server.use(
      http.post(
        'http://backend/api/metal3/hosts/kube-dc-mgmt/metal3/worker-0/actions/reboot',
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json<HostActionChanged>({
            changed: true,
            message: 'ok',
          });
        },
      ),
    );
    await expect(
      client.runHostAction(
        { cluster: 'kube-dc-mgmt', namespace: 'metal3', name: 'worker-0' },
        'reboot',
        { mode: 'hard' },
      ),
    ).resolves.toEqual({ changed: true, message: 'ok' });
    expect(body).toEqual({ mode: 'hard' });
  });

  it('turns an error response into an error carrying the backend message', async () => {
    server.use(
      http.get('http://backend/api/metal3/clusters', () =>
        HttpResponse.json<ErrorResponseDto>(
          {
            error: { name: 'NotAllowedError', message: 'denied by policy' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    // ResponseErrorPanel shows the cause: the backend's own words.
    await expect(client.listClusters()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      cause: { name: 'NotAllowedError', message: 'denied by policy' },
    });
  });
  it('reads live BMC data, bypassing the cache only when asked', async () => {
    const seen: string[] = [];
    server.use(
      http.get(
        'http://backend/api/metal3/hosts/kube-dc-mgmt/metal3/worker-0/bmc',
        ({ request }) => {
          seen.push(new URL(request.url).search);
          return HttpResponse.json<BmcTelemetryDto>({
            protocol: 'redfish',
            readAt: '2026-11-25T10:00:00Z',
            errors: [],
          });
        },
      ),
    );
    const ref = {
      cluster: 'kube-dc-mgmt',
      namespace: 'metal3',
      name: 'worker-0',
    };
    await expect(client.getHostBmc(ref)).resolves.toMatchObject({
      protocol: 'redfish',
    });
    await client.getHostBmc(ref, { refresh: true });
    expect(seen).toEqual(['', '?refresh=true']);
  });

  it('posts the preflight request as JSON', async () => {
    let body: unknown;
    server.use(
      http.post(
        'http://backend/api/metal3/bmc/preflight',
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json<BmcPreflightResponse>({
            ok: true,
            checks: [],
            bootMacCandidates: [],
          });
        },
      ),
    );
    await expect(
      client.preflightBmc({ address: 'redfish://10.0.0.1', username: 'root' }),
    ).resolves.toMatchObject({ ok: true });
    expect(body).toEqual({ address: 'redfish://10.0.0.1', username: 'root' });
  });

  it('unwraps a tracked operation', async () => {
    server.use(
      http.get('http://backend/api/metal3/operations/op-1', () =>
        HttpResponse.json<OperationResponse>({ operation }),
      ),
    );
    await expect(client.getOperation('op-1')).resolves.toEqual(operation);
  });
});
