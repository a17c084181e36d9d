import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createServer, Server } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { labBackendPlugin } from './labPlugin';

/** Another plugin of the portal: it must serve whatever happens to the lab. */
const pingPlugin = createBackendPlugin({
  pluginId: 'ping',
  register(env) {
    env.registerInit({
      deps: { http: coreServices.httpRouter },
      async init({ http }) {
        http.use((_req, res) => {
          res.json({ pong: true });
        });
        http.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});

describe('labBackendPlugin on a taken port', () => {
  let held: Server;
  let port: number;
  beforeAll(async () => {
    held = createServer();
    await new Promise<void>(resolve =>
      held.listen(0, '127.0.0.1', () => resolve()),
    );
    port = (held.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise(r => held.close(r));
  });

  it('lets the backend start and serve, and logs one error naming the port, metal3.lab.port and the fix', async () => {
    const logger = mockServices.rootLogger.mock();
    logger.child.mockReturnValue(logger);
    const { server } = await startTestBackend({
      features: [
        labBackendPlugin,
        pingPlugin,
        logger.factory,
        mockServices.rootConfig.factory({
          data: {
            metal3: {
              lab: {
                enabled: true,
                port,
                unenrolledServers: 0,
                stateDir: mkdtempSync(join(tmpdir(), 'lab-plugin-')),
              },
            },
          },
        }),
      ],
    });
    const res = await request(server).get('/api/ping');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ pong: true });
    expect(logger.error).toHaveBeenCalledTimes(1);
    const [message] = logger.error.mock.calls[0];
    expect(message).toContain(`port ${port}`);
    expect(message).toContain('metal3.lab.port');
    expect(message).toMatch(/another `yarn lab`, kind, k3d/);
  });
});
