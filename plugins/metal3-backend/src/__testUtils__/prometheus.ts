import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** One sample of the Prometheus text format. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * What packages/backend's instrumentation does, for tests of this plugin: an
 * OpenTelemetry meter provider exported for Prometheus on a free loopback
 * port, registered globally (Backstage's metrics service uses the global
 * one), so a test reads the series over HTTP as Prometheus would.
 */
export async function startPrometheusEndpoint(): Promise<{
  provider: MeterProvider;
  url: string;
  scrape(): Promise<Sample[]>;
  stop(): Promise<void>;
}> {
  const exporter = new PrometheusExporter({ preventServerStart: true });
  const provider = new MeterProvider({ readers: [exporter] });
  metrics.setGlobalMeterProvider(provider);
  const server: Server = createServer((req, res) =>
    exporter.getMetricsRequestHandler(req, res),
  );
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/metrics`;
  return {
    provider,
    url,
    async scrape() {
      const response = await fetch(url);
      return parsePrometheusText(await response.text());
    },
    async stop() {
      await new Promise(resolve => server.close(resolve));
      await provider.shutdown();
      metrics.disable();
    },
  };
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The samples of a Prometheus text exposition (comments skipped). */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = SAMPLE.exec(line);
    if (!match || line.startsWith('#')) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL))
      labels[key] = value.replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The samples of one metric whose labels include `labels`. */
export function series(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): Sample[] {
  return samples.filter(
    s =>
      s.name === name &&
      Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
}
