import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { createServer } from 'node:http';
import { prometheusExporter } from './prometheusExporter';

/** The port Prometheus exporters of OpenTelemetry use by convention. */
const DEFAULT_PORT = 9464;

/**
 * Serves the backend's OpenTelemetry metrics for Prometheus on a port of
 * their own (`metal3.metrics.port`, `metal3.metrics.host`), not on the
 * portal's: scraping stays inside the cluster network and needs no token.
 * A taken port does not stop the backend: the portal starts and serves,
 * and the log names the key to change.
 */
export const metricsExporterModule = createBackendModule({
  pluginId: 'metal3',
  moduleId: 'prometheus-exporter',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.rootLifecycle,
      },
      async init({ config, logger, lifecycle }) {
        const section = config.getOptionalConfig('metal3.metrics');
        if (section?.getOptionalBoolean('enabled') === false) return;
        const port = section?.getOptionalNumber('port') ?? DEFAULT_PORT;
        const host = section?.getOptionalString('host') ?? '0.0.0.0';
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new Error(
            `metal3.metrics.port: must be a port number (0-65535), not ${port}`,
          );
        }
        const server = createServer((req, res) => {
          if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') {
            prometheusExporter.getMetricsRequestHandler(req, res);
          } else {
            res.statusCode = 404;
            res.end('Metrics are served at /metrics\n');
          }
        });
        server.on('error', (error: NodeJS.ErrnoException) => {
          logger.error(
            error.code === 'EADDRINUSE'
              ? `metal3.metrics.port: ${host}:${port} is taken by another process; metrics are not exported. Set metal3.metrics.port to a free port (0 picks one)`
              : `metal3.metrics: cannot serve metrics on ${host}:${port}: ${error.message}; metrics are not exported`,
          );
        });
        server.listen(port, host, () => {
          const address = server.address();
          const actual =
            address && typeof address === 'object' ? address.port : port;
          logger.info(
            `Metrics for Prometheus at http://${host}:${actual}/metrics (metal3.metrics.port)`,
          );
        });
        lifecycle.addShutdownHook(
          () => new Promise<void>(resolve => server.close(() => resolve())),
        );
      },
    });
  },
});
