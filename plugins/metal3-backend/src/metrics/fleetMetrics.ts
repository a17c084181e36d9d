import { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { OwnerResolver } from '@metal3-fleet/plugin-metal3-common';
import { Metal3ClusterService } from '@metal3-fleet/plugin-metal3-node';
import { OperationStore } from '../database/OperationStore';
import { buildPoolSummary } from '../fleet/poolSummary';
import { FleetEventDetector } from '../fleetEvents/FleetEventDetector';
import { BmcReachability } from './BmcReachability';
import { MetricsSettings } from './metricsSettings';
import { Observation, zeroFilled } from './zeroFilled';

export interface FleetMetricsOptions {
  metrics: MetricsService;
  clusters: Metal3ClusterService;
  /** Fleet-table rows: status and pool of every host. */
  hosts: { all(): Iterable<{ summary: HostRow }> };
  detector: FleetEventDetector;
  operations: Pick<OperationStore, 'countByState'>;
  bmc: Pick<BmcReachability, 'readings'>;
  ownerOf: OwnerResolver;
  settings: MetricsSettings;
  now?: () => number;
}

interface HostRow {
  cluster: string;
  status: { code: string };
  pool?: { name: string };
}

/** Counts by a label set. */
function countBy<T>(
  items: Iterable<T>,
  labelsOf: (item: T) => Record<string, string>,
): Observation[] {
  const counts = new Map<string, Observation>();
  for (const item of items) {
    const labels = labelsOf(item);
    const key = JSON.stringify(labels);
    const entry = counts.get(key) ?? { labels, value: 0 };
    entry.value++;
    counts.set(key, entry);
  }
  return [...counts.values()];
}

/**
 * The fleet's metrics, through Backstage's metrics service (OpenTelemetry;
 * packages/backend exports them for Prometheus). Gauges are read when
 * Prometheus scrapes, from what the replica already holds: the fleet index,
 * the fleet-event detector (the same conditions the notifications come
 * from), the cluster caches' health, the operations table, the BMC sweep.
 *
 * Labels stay bounded: fleet-size gauges carry cluster, status, pool and
 * namespace, never a host name. Per-host series exist only where an alert
 * has to name the host — hosts in error (`metal3_host_error`) and BMCs that
 * do not answer (`metal3_bmc_unreachable`) — so they grow with the problems,
 * not the fleet, and are capped at `metal3.metrics.maxHostSeries` each (the
 * counts are exact regardless). Label sets that go away are reported as 0
 * (see zeroFilled).
 */
export function registerFleetMetrics(options: FleetMetricsOptions): void {
  const { metrics, clusters, detector, settings } = options;
  const now = options.now ?? Date.now;
  const capped = <T>(items: T[]) => items.slice(0, settings.maxHostSeries);
  const gauge = (
    name: string,
    description: string,
    read: () => Observation[] | Promise<Observation[]>,
  ) =>
    metrics
      .createObservableGauge(name, { description })
      .addCallback(zeroFilled(read, now));
  const conditions = (kind: string) =>
    detector.conditions().filter(c => c.kind === kind);

  gauge('metal3.hosts', 'BareMetalHosts by cluster, status and pool', () =>
    countBy(options.hosts.all(), ({ summary }) => ({
      cluster: summary.cluster,
      status: summary.status.code,
      pool: summary.pool?.name ?? '',
    })),
  );

  gauge(
    'metal3.hosts.stuck',
    'Hosts in a transient state longer than metal3.fleetEvents.stuckSeconds allows, by cluster and state',
    () =>
      countBy(conditions('hostStuck'), c => ({
        cluster: c.subject.cluster,
        state: c.reason,
      })),
  );

  gauge(
    'metal3.host.error',
    'One series per host in error (1; 0 once it recovered), labelled with its error type; at most metal3.metrics.maxHostSeries in error at once',
    () =>
      capped(conditions('hostError')).map(c => ({
        labels: {
          cluster: c.subject.cluster,
          namespace: c.subject.namespace,
          host: c.subject.name,
          error_type: c.reason,
        },
        value: 1,
      })),
  );

  gauge(
    'metal3.remediations.active',
    'Metal3Remediations in progress, by cluster, namespace and pool',
    () =>
      countBy(conditions('remediationStarted'), c => ({
        cluster: c.subject.cluster,
        namespace: c.subject.namespace,
        pool: c.pool ?? '',
      })),
  );

  const healthChecks = (
    read: (status: {
      expectedMachines?: number;
      currentHealthy?: number;
      remediationsAllowed?: number;
    }) => number | undefined,
  ) => {
    const result: Observation[] = [];
    for (const { name: cluster } of clusters.listClusters()) {
      const cache = clusters.getCluster(cluster);
      for (const mhc of cache.list('machinehealthchecks')) {
        const value = read(mhc.status);
        if (value === undefined) continue;
        result.push({
          labels: { cluster, namespace: mhc.namespace ?? '', name: mhc.name },
          value,
        });
      }
    }
    return result;
  };
  gauge(
    'metal3.machinehealthcheck.expected',
    'Machines a MachineHealthCheck watches (status.expectedMachines)',
    () => healthChecks(s => s.expectedMachines),
  );
  gauge(
    'metal3.machinehealthcheck.healthy',
    'Machines a MachineHealthCheck finds healthy (status.currentHealthy)',
    () => healthChecks(s => s.currentHealthy),
  );
  gauge(
    'metal3.machinehealthcheck.remediations_allowed',
    'Remediations a MachineHealthCheck may still start (status.remediationsAllowed)',
    () => healthChecks(s => s.remediationsAllowed),
  );

  gauge(
    'metal3.pool.health',
    'One series per pool (1) labelled with its health: healthy, scaling-up, scaling-down, rolling-out, remediating, degraded, blocked, paused',
    () => {
      const result: Observation[] = [];
      for (const { name: cluster } of clusters.listClusters()) {
        const cache = clusters.getCluster(cluster);
        for (const pool of cache.list('machinedeployments')) {
          const summary = buildPoolSummary(
            cache,
            cluster,
            pool,
            options.ownerOf,
          );
          result.push({
            labels: {
              cluster,
              namespace: summary.namespace,
              pool: pool.name,
              health: summary.health.code,
            },
            value: 1,
          });
        }
      }
      return result;
    },
  );

  gauge(
    'metal3.pool.degraded',
    'Pools degraded for longer than metal3.fleetEvents.poolDegradedSeconds (1): the condition the notification is sent for',
    () =>
      conditions('poolDegraded').map(c => ({
        labels: {
          cluster: c.subject.cluster,
          namespace: c.subject.namespace,
          pool: c.subject.name,
          health: c.reason,
        },
        value: 1,
      })),
  );

  gauge(
    'metal3.cluster.connected',
    '1 while every watched resource of the cluster is listed and watched',
    () =>
      clusters.health().map(h => ({
        labels: { cluster: h.name },
        value: h.connected ? 1 : 0,
      })),
  );
  gauge(
    'metal3.cluster.stale_seconds',
    'Seconds since the data served for the cluster stopped being tracked live; 0 while live, -1 before it was ever listed',
    () =>
      clusters.health().map(h => {
        const since = h.staleSince ? Date.parse(h.staleSince) : NaN;
        let value = h.synced ? 0 : -1;
        if (!Number.isNaN(since)) value = Math.max(0, (now() - since) / 1000);
        return { labels: { cluster: h.name }, value };
      }),
  );

  gauge(
    'metal3.operations',
    'Long operations in the plugin database by action and state (finished ones are kept metal3.operations.keepDays)',
    async () =>
      (await options.operations.countByState()).map(row => ({
        labels: { action: row.action, state: row.state },
        value: row.count,
      })),
  );

  gauge(
    'metal3.bmcs',
    'BMCs by cluster and whether they answered the last sweep (reported by the replica that sweeps)',
    () =>
      countBy(options.bmc.readings(), r => ({
        cluster: r.cluster,
        reachable: String(r.reachable),
      })),
  );
  gauge(
    'metal3.bmc.unreachable',
    'One series per host whose BMC did not answer the last sweep (1; 0 once it answers); at most metal3.metrics.maxHostSeries at once',
    () =>
      capped(options.bmc.readings().filter(r => !r.reachable)).map(r => ({
        labels: { cluster: r.cluster, namespace: r.namespace, host: r.name },
        value: 1,
      })),
  );

  const events = metrics.createCounter('metal3.fleet.events', {
    description:
      'Fleet events this replica saw (a condition entering or clearing), by cluster, kind and type',
  });
  detector.onEvent(event =>
    events.add(1, {
      cluster: event.condition.subject.cluster,
      kind: event.condition.kind,
      type: event.type,
    }),
  );
}
