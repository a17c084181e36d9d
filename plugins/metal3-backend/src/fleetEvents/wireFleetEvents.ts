import {
  AuthService,
  DiscoveryService,
  LifecycleService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { EventsService } from '@backstage/plugin-events-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { OwnerResolver } from '@metal3-fleet/plugin-metal3-common';
import {
  Metal3BmcService,
  Metal3ClusterService,
} from '@metal3-fleet/plugin-metal3-node';
import { Knex } from 'knex';
import { OperationStore } from '../database/OperationStore';
import { HostIndex } from '../fleet/HostIndex';
import { BmcReachability } from '../metrics/BmcReachability';
import { registerFleetMetrics } from '../metrics/fleetMetrics';
import { readMetricsSettings } from '../metrics/metricsSettings';
import { FleetNotifier } from '../notifications/FleetNotifier';
import { readNotificationSettings } from '../notifications/notificationSettings';
import { NotificationStore } from '../notifications/NotificationStore';
import {
  scaffolderTaskReader,
  TaskNotifier,
} from '../notifications/TaskNotifier';
import { FleetEventDetector } from './FleetEventDetector';
import { readFleetEventSettings } from './fleetEventSettings';
import { FleetLease } from './FleetLease';

export interface FleetEventsDeps {
  config: RootConfigService;
  logger: LoggerService;
  lifecycle: LifecycleService;
  auth: AuthService;
  discovery: DiscoveryService;
  clusters: Metal3ClusterService;
  bmc: Metal3BmcService;
  notifications: NotificationService;
  events: EventsService;
  metrics: MetricsService;
  knex: Knex;
  operations: OperationStore;
  hostIndex: HostIndex;
  ownerOf: OwnerResolver;
  /** This replica's name (the lease holder's). */
  replica: string;
  leaseMs: number;
}

/**
 * Starts the fleet-event detector and the two features built on it:
 * notifications to owners and starters (docs/operations.md, "Notifications")
 * and metrics for alerting ("Monitoring and alerting"). Settings are read
 * first, so a bad value fails start-up naming its key.
 */
export function wireFleetEvents(deps: FleetEventsDeps): void {
  const fleetSettings = readFleetEventSettings(deps.config);
  const notificationSettings = readNotificationSettings(deps.config);
  const metricsSettings = readMetricsSettings(deps.config);

  const detector = new FleetEventDetector({
    clusters: deps.clusters,
    ownerOf: deps.ownerOf,
    settings: fleetSettings,
  });
  const lease = new FleetLease(deps.knex, {
    name: 'notifier',
    holder: deps.replica,
    leaseMs: deps.leaseMs,
  });
  const store = new NotificationStore(deps.knex);
  const notifier = new FleetNotifier({
    detector,
    lease,
    store,
    operations: deps.operations,
    notifications: deps.notifications,
    settings: notificationSettings,
    logger: deps.logger.child({ feature: 'notifications' }),
  });
  const tasks = new TaskNotifier({
    events: deps.events,
    store,
    notifications: deps.notifications,
    settings: notificationSettings,
    logger: deps.logger.child({ feature: 'notifications' }),
    readTask: scaffolderTaskReader(deps),
  });
  const bmcSweep = new BmcReachability({
    clusters: deps.clusters,
    telemetry: deps.bmc.telemetry,
    isSweeper: () => lease.held(),
    intervalMs: metricsSettings.enabled ? metricsSettings.bmcIntervalMs : 0,
    logger: deps.logger,
  });
  if (metricsSettings.enabled) {
    registerFleetMetrics({
      metrics: deps.metrics,
      clusters: deps.clusters,
      hosts: deps.hostIndex,
      detector,
      operations: deps.operations,
      bmc: bmcSweep,
      ownerOf: deps.ownerOf,
      settings: metricsSettings,
    });
  }

  deps.lifecycle.addStartupHook(async () => {
    detector.start();
    notifier.start();
    bmcSweep.start();
    await tasks.start();
  });
  deps.lifecycle.addShutdownHook(async () => {
    bmcSweep.stop();
    await notifier.stop();
    detector.close();
  });
}
