/*
 * OpenTelemetry for the backend, set up before anything else is loaded (the
 * first import of src/index.ts and dev/index.ts): Backstage's metrics
 * service and every plugin create their instruments on the global meter
 * provider when they start, and OpenTelemetry's metrics API has no
 * stand-in that forwards to a provider registered later — instruments made
 * before this runs would record nothing.
 *
 * Backstage's guide (backstage.io/docs/tutorials/setup-opentelemetry) loads
 * such a file with `node --require`; that is needed for automatic tracing
 * of http and express, which must patch those modules before they load.
 * For metrics an import that runs first is enough, and keeps one entry
 * point for the image, `yarn start` and the tests. Tracing can be added the
 * guide's way beside this.
 *
 * The exporter's HTTP server is started by the metrics exporter module
 * (src/metrics/metricsExporterModule.ts), which reads its port from the
 * configuration (`metal3.metrics.port`): the configuration is not read yet
 * when this runs.
 */
import { metrics } from '@opentelemetry/api';
import { prometheusExporter } from './metrics/prometheusExporter';
import { MeterProvider } from '@opentelemetry/sdk-metrics';

metrics.setGlobalMeterProvider(
  new MeterProvider({ readers: [prometheusExporter] }),
);
