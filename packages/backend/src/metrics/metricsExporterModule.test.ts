import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { metrics } from '@opentelemetry/api';
import { createServer, Server } from 'node:net';
import '../instrumentation';
import { metricsExporterModule } from './metricsExporterModule';

/** A port nothing listens on (taken and released by the OS). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise(r => server.close(r));
  return port;
}

describe('metrics exporter', () => {
  it('serves the backend’s OpenTelemetry metrics for Prometheus on metal3.metrics.port', async () => {
    const port = await freePort();
    const backend = await startTestBackend({
      features: [
        metricsExporterModule,
        mockServices.rootConfig.factory({
          data: { metal3: { metrics: { port, host: '127.0.0.1' } } },
        }),
      ],
    });
    // Any plugin's instrument lands on the provider the instrumentation set up.
    metrics
      .getMeter('backstage-plugin-test')
      .createCounter('test.requests')
      .add(3, { route: '/hosts' });
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(
      /^test_requests_total\{[^}]*route="\/hosts"[^}]*\} 3$/m,
    );
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    await backend.stop();
  });

  it('starts the backend when the port is taken, and names the key to change', async () => {
    const taken: Server = createServer();
    await new Promise<void>(r => taken.listen(0, '127.0.0.1', r));
    const { port } = taken.address() as { port: number };
    const logger = mockServices.rootLogger.mock();
    logger.child.mockReturnValue(logger);
    const errors: string[] = [];
    logger.error.mockImplementation((message: string) => {
      errors.push(message);
    });
    const backend = await startTestBackend({
      features: [
        metricsExporterModule,
        logger.factory,
        mockServices.rootConfig.factory({
          data: { metal3: { metrics: { port, host: '127.0.0.1' } } },
        }),
      ],
    });
    await new Promise(r => setTimeout(r, 200));
    expect(errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^metal3\\.metrics\\.port: 127\\.0\\.0\\.1:${port} is taken`,
        ),
      ),
    ]);
    await backend.stop();
    await new Promise(r => taken.close(r));
  });

  it('serves nothing when metal3.metrics.enabled is false', async () => {
    const port = await freePort();
    const backend = await startTestBackend({
      features: [
        metricsExporterModule,
        mockServices.rootConfig.factory({
          data: { metal3: { metrics: { enabled: false, port } } },
        }),
      ],
    });
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
    await backend.stop();
  });
});
