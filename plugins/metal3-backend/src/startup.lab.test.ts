import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  ApiServerOptions,
  ObjectStore,
  RunningApiServer,
  startApiServer,
} from '@metal3-fleet/metal3-lab';
import { createServer } from 'node:net';
import request from 'supertest';
import { metal3Plugin } from './plugin';

/**
 * Start-up never waits for a cluster: a backend whose clusters cannot be
 * read (nothing listens at the URL, Metal3 is not installed, the token is
 * wrong) starts at once, serves, and `GET /clusters` says per cluster what
 * is wrong, naming the config key or the CRD, without the token.
 */
jest.setTimeout(60_000);

const WRONG_TOKEN = 'not-the-token-7f3a9c';

/** Only the core kinds of a plain Kubernetes cluster: no Metal3, no Cluster API. */
const NODES: NonNullable<ApiServerOptions['definitions']>[number] = {
  group: '',
  versions: ['v1'],
  storageVersion: 'v1',
  plural: 'nodes',
  singular: 'node',
  kind: 'Node',
  listKind: 'NodeList',
  namespaced: false,
  shortNames: ['no'],
  categories: [],
  status: true,
  printerColumns: [],
};

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('metal3 backend start-up with unreadable clusters', () => {
  let plain: RunningApiServer;

  beforeAll(async () => {
    plain = await startApiServer({
      store: new ObjectStore(),
      clusterName: 'plain',
      definitions: [NODES],
    });
  });

  afterAll(async () => {
    await plain?.stop();
  });

  it('starts at once, serves, and reports each cluster with what is wrong', async () => {
    const port = await closedPort();
    const caData = Buffer.from(plain.caPem).toString('base64');
    const startedAt = Date.now();
    const backend = await startTestBackend({
      features: [
        metal3Plugin,
        mockServices.rootConfig.factory({
          data: {
            metal3: {
              // Production-like: no lab, BMCs only in a documentation network.
              bmc: { allowedNetworks: ['192.0.2.0/24'] },
              clusters: [
                {
                  name: 'closed',
                  url: `https://127.0.0.1:${port}`,
                  serviceAccountToken: 'irrelevant',
                },
                {
                  name: 'no-metal3',
                  url: plain.url,
                  serviceAccountToken: plain.token,
                  caData,
                },
                {
                  name: 'wrong-token',
                  url: plain.url,
                  serviceAccountToken: WRONG_TOKEN,
                  caData,
                },
              ],
            },
          },
        }),
      ],
    });
    const { server } = backend;
    try {
      const byName = async () => {
        const res = await request(server)
          .get('/api/metal3/clusters')
          .set('Authorization', mockCredentials.user.header());
        expect(res.status).toBe(200);
        expect(res.text).not.toContain(WRONG_TOKEN);
        expect(res.text).not.toContain(plain.token);
        return Object.fromEntries(
          res.body.items.map((c: any) => [c.name, c]),
        ) as Record<string, any>;
      };
      // The first answer comes while the clusters are still being tried.
      expect(Object.keys(await byName())).toEqual([
        'closed',
        'no-metal3',
        'wrong-token',
      ]);
      // A backend waiting on its clusters would never answer; 30 s leaves
      // room for a busy CI machine (37 s seen at load 18 with a 10 s bound).
      expect(Date.now() - startedAt).toBeLessThan(30_000);

      const allDiagnosed = (found: Record<string, any>) =>
        ['closed', 'no-metal3', 'wrong-token'].every(n => found[n].problem);
      let clusters = await byName();
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline && !allDiagnosed(clusters)) {
        await new Promise(resolve => setTimeout(resolve, 200));
        clusters = await byName();
      }

      expect(clusters.closed).toMatchObject({
        connected: false,
        synced: false,
        lastError: expect.stringContaining('ECONNREFUSED'),
        problem: {
          code: 'unreachable',
          message: expect.stringContaining(`https://127.0.0.1:${port}`),
          fix: expect.stringContaining('metal3.clusters[0].url'),
        },
      });
      expect(clusters['no-metal3']).toMatchObject({
        connected: true,
        unavailable: expect.arrayContaining(['baremetalhosts', 'machines']),
        problem: {
          code: 'missing-crds',
          message: expect.stringContaining('baremetalhosts.metal3.io'),
        },
      });
      expect(clusters['wrong-token']).toMatchObject({
        connected: false,
        problem: {
          code: 'unauthorized',
          message: expect.stringContaining('401'),
          fix: expect.stringContaining(
            'metal3.clusters[2].serviceAccountToken',
          ),
        },
      });
    } finally {
      await backend.stop();
    }
  });
});
