import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';

/**
 * The one Prometheus reader of this backend's meter provider
 * (src/instrumentation.ts). Its server is not started here: the metrics
 * exporter module serves it on `metal3.metrics.port` once the
 * configuration is read.
 */
export const prometheusExporter = new PrometheusExporter({
  preventServerStart: true,
});
