import { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { OwnerResolver } from '@metal3-fleet/plugin-metal3-common';
import { Metal3ClusterService } from '@metal3-fleet/plugin-metal3-node';
import { OperationStore } from '../database/OperationStore';
import { buildPoolSummary } from '../fleet/poolSummary';
import { FleetEventDetector } from '../fleetEvents/FleetEventDetector';
import { BmcReachability } from './BmcReachability';
import { MetricsSettings } from './metricsSettings';

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

/** Counts by a label tuple, for gauges observed once per tuple. */
function countBy<T>(items: Iterable<T>, labels: (item: T) => Record<string, string>) {
  const counts = new Map<string, { labels: Record<string, string>; n: number }>();
  for (const item of items) {
    const l = labels(item);
    const key = JSON.stringify(l);
    const entry = counts.get(key) ?? { labels: l, n: 0 };
    entry.n++;
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
 * counts are exact regardless).
 */
export function registerFleetMetrics(options: FleetMetricsOptions): void {
  const { metrics, clusters, detector, settings } = options;
  const now = options.now ?? Date.now;
  const capped = <T>(items: T[]) => items.slice(0, settings.maxHostSeries);

  metrics
    .createObservableGauge('metal3.hosts', {
      description: 'BareMetalHosts by cluster, status and pool',
    })
    .addCallback(result => {
      for (const { labels, n } of countBy(options.hosts.all(), ({ summary }) => ({
        cluster: summary.cluster,
        status: summary.status.code,
        pool: summary.pool?.name ?? '',
      })))
        result.observe(n, labels);
    });

  metrics
    .createObservableGauge('metal3.hosts.stuck', {
      description:
        'Hosts in a transient state longer than metal3.fleetEvents.stuckSeconds allows, by cluster and state',
    })
    .addCallback(result => {
      const stuck = detector.conditions().filter(c => c.kind === 'hostStuck');
      for (const { labels, n } of countBy(stuck, c => ({
        cluster: c.subject.cluster,
        state: c.reason,
      })))
        result.observe(n, labels);
    });

  metrics
    .createObservableGauge('metal3.host.error', {
      description:
        'One series per host in error (value 1), labelled with its error type; capped at metal3.metrics.maxHostSeries',
    })
    .addCallback(result => {
      const errors = detector.conditions().filter(c => c.kind === 'hostError');
      for (const c of capped(errors)) {
        result.observe(1, {
          cluster: c.subject.cluster,
          namespace: c.subject.namespace,
          host: c.subject.name,
          error_type: c.reason,
        });
      }
    });

  metrics
    .createObservableGauge('metal3.remediations.active', {
      description: 'Metal3Remediations in progress, by cluster, namespace and pool',
    })
    .addCallback(result => {
      const active = detector
        .conditions()
        .filter(c => c.kind === 'remediationStarted');
      for (const { labels, n } of countBy(active, c => ({
        cluster: c.subject.cluster,
        namespace: c.subject.namespace,
        pool: c.pool ?? '',
      })))
        result.observe(n, labels);
    });

  const mhcExpected = metrics.createObservableGauge(
    'metal3.machinehealthcheck.expected',
    { description: 'Machines a MachineHealthCheck watches (status.expectedMachines)' },
  );
  const mhcHealthy = metrics.createObservableGauge(
    'metal3.machinehealthcheck.healthy',
    { description: 'Machines a MachineHealthCheck finds healthy (status.currentHealthy)' },
  );
  const mhcAllowed = metrics.createObservableGauge(
    'metal3.machinehealthcheck.remediations_allowed',
    { description: 'Remediations a MachineHealthCheck may still start (status.remediationsAllowed)' },
  );
  const eachHealthCheck = (
    read: (s: { expectedMachines?: number; currentHealthy?: number; remediationsAllowed?: number }) => number | undefined,
  ) => (result: { observe(v: number, l: Record<string, string>): void }) => {
    for (const { name: cluster } of clusters.listClusters()) {
      for (const mhc of clusters.getCluster(cluster).list('machinehealthchecks')) {
        const value = read(mhc.status);
        if (value === undefined) continue;
        result.observe(value, {
          cluster,
          namespace: mhc.namespace ?? '',
          name: mhc.name,
        });
      }
    }
  };
  mhcExpected.addCallback(eachHealthCheck(s => s.expectedMachines));
  mhcHealthy.addCallback(eachHealthCheck(s => s.currentHealthy));
  mhcAllowed.addCallback(eachHealthCheck(s => s.remediationsAllowed));

  metrics
    .createObservableGauge('metal3.pool.health', {
      description:
        'One series per pool (value 1) labelled with its health (healthy, scaling-up, degraded, blocked, remediating, ...)',
    })
    .addCallback(result => {
      for (const { name: cluster } of clusters.listClusters()) {
        const cache = clusters.getCluster(cluster);
        for (const pool of cache.list('machinedeployments')) {
          const summary = buildPoolSummary(cache, cluster, pool, options.ownerOf);
          result.observe(1, {
            cluster,
            namespace: summary.namespace,
            pool: pool.name,
            health: summary.health.code,
          });
        }
      }
    });

  metrics
    .createObservableGauge('metal3.pool.degraded', {
      description:
        'Pools degraded for longer than metal3.fleetEvents.poolDegradedSeconds (value 1), the condition the notification is sent for',
    })
    .addCallback(result => {
      for (const c of detector.conditions()) {
        if (c.kind !== 'poolDegraded') continue;
        result.observe(1, {
          cluster: c.subject.cluster,
          namespace: c.subject.namespace,
          pool: c.subject.name,
          health: c.reason,
        });
      }
    });

  const connected = metrics.createObservableGauge('metal3.cluster.connected', {
    description: '1 while every watched resource of the cluster is listed and watched',
  });
  connected.addCallback(result => {
    for (const h of clusters.health())
      result.observe(h.connected ? 1 : 0, { cluster: h.name });
  });
  metrics
    .createObservableGauge('metal3.cluster.stale_seconds', {
      description:
        'Seconds since the data served for the cluster stopped being tracked live; 0 while live',
    })
    .addCallback(result => {
      for (const h of clusters.health()) {
        const since = h.staleSince ? Date.parse(h.staleSince) : NaN;
        const stale = Number.isNaN(since)
          ? h.synced
            ? 0
            : -1
          : Math.max(0, (now() - since) / 1000);
        // -1: never synced (no data yet), told apart from "live".
        result.observe(stale, { cluster: h.name });
      }
    });

  metrics
    .createObservableGauge('metal3.operations', {
      description:
        'Long operations in the plugin database by action and state (finished ones are kept metal3.operations.keepDays)',
    })
    .addCallback(async result => {
      for (const row of await options.operations.countByState())
        result.observe(row.count, { action: row.action, state: row.state });
    });

  metrics
    .createObservableGauge('metal3.bmcs', {
      description:
        'BMCs by cluster and whether they answered the last sweep (reported by the replica that sweeps)',
    })
    .addCallback(result => {
      for (const { labels, n } of countBy(options.bmc.readings(), r => ({
        cluster: r.cluster,
        reachable: String(r.reachable),
      })))
        result.observe(n, labels);
    });
  metrics
    .createObservableGauge('metal3.bmc.unreachable', {
      description:
        'One series per host whose BMC did not answer the last sweep (value 1); capped at metal3.metrics.maxHostSeries',
    })
    .addCallback(result => {
      const down = options.bmc.readings().filter(r => !r.reachable);
      for (const r of capped(down))
        result.observe(1, {
          cluster: r.cluster,
          namespace: r.namespace,
          host: r.name,
        });
    });

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
