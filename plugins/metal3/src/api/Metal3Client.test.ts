import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { registerMswTestHooks } from '@backstage/test-utils';
import { Metal3Client } from './Metal3Client';

const server = setupServer();

describe('Metal3Client', () => {
  registerMswTestHooks(server);

  const client = new Metal3Client({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  it('lists clusters from /api/metal3/clusters', async () => {
    server.use(
      http.get('http://backend/api/metal3/clusters', () =>
        HttpResponse.json({
          items: [{ name: 'a', title: 'A', authProvider: 'inCluster' }],
        }),
      ),
    );
    await expect(client.listClusters()).resolves.toEqual([
      { name: 'a', title: 'A', authProvider: 'inCluster' },
    ]);
  });

  it('turns an error response into an error carrying the backend message', async () => {
    server.use(
      http.get('http://backend/api/metal3/clusters', () =>
        HttpResponse.json(
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
});
