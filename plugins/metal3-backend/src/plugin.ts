import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  createOwnerResolver,
  DEFAULT_OWNER_KEY,
  METAL3_PLUGIN_ID,
  metal3Permissions,
  parseMetal3ResourceRef,
} from '@metal3-fleet/plugin-metal3-common';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  metal3BmcServiceRef,
  metal3ClusterServiceRef,
  metal3HostResourceRef,
  metal3HostRules,
  metal3PoolResourceRef,
  metal3PoolRules,
} from '@metal3-fleet/plugin-metal3-node';
import { registerCheckActions } from './actions/registerCheckActions';
import { registerFleetActions } from './actions/registerFleetActions';
import { readApprovalSettings } from './approvals/approvalSettings';
import { ApprovalService } from './approvals/ApprovalService';
import { ApprovalStore } from './approvals/ApprovalStore';
import { approvedRuns } from './approvals/approvedRuns';
import { migratedDatabase } from './database/migrateDatabase';
import { OperationStore } from './database/OperationStore';
import { catalogEntitySource } from './checks/catalogEntitySource';
import { createChecksService } from './checks/createChecksService';
import { TelemetryStore } from './database/TelemetryStore';
import { HostIndex } from './fleet/HostIndex';
import { buildPoolSummary } from './fleet/poolSummary';
import { wireFleetEvents } from './fleetEvents/wireFleetEvents';
import { FleetAccess } from './service/FleetAccess';
import { hostOperationRecovery } from './service/hostOperationRecovery';
import { OperationTracker } from './service/OperationTracker';
import {
  readOperationsSettings,
  replicaName,
} from './service/operationsSettings';
import { createRouter } from './service/router';
import { readHistorySettings } from './telemetry/historySettings';
import { TelemetrySampler } from './telemetry/TelemetrySampler';

/** Owner of objects that name none; the same default as the catalog module. */
const DEFAULT_OWNER = 'group:default/metal3-admins';

/**
 * The Metal3 backend plugin: live fleet REST API under `/api/metal3`.
 *
 * @public
 */
export const metal3Plugin = createBackendPlugin({
  pluginId: METAL3_PLUGIN_ID,
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auditor: coreServices.auditor,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        scheduler: coreServices.scheduler,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        clusters: metal3ClusterServiceRef,
        bmc: metal3BmcServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        notifications: notificationService,
        events: eventsServiceRef,
        metrics: metricsServiceRef,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, httpRouter, permissionsRegistry, clusters, lifecycle } =
          deps;
        // Ownership follows the catalog module's configuration, so the API
        // and the catalog always agree on who owns a host.
        const ownerKey =
          config.getOptionalString('catalog.providers.metal3.ownerKey') ??
          DEFAULT_OWNER_KEY;
        const defaultOwner =
          config.getOptionalString('catalog.providers.metal3.defaultOwner') ??
          DEFAULT_OWNER;
        const hostIndex = new HostIndex({ clusters, ownerKey, defaultOwner });
        lifecycle.addShutdownHook(() => hostIndex.close());
        const ownerOf = createOwnerResolver({ ownerKey, defaultOwner });

        // Resource types let the permission backend evaluate conditional
        // decisions for other callers (the frontend's usePermission with a
        // resource ref `<cluster>/<namespace>/<name>`).
        permissionsRegistry.addPermissions(metal3Permissions);
        permissionsRegistry.addResourceType({
          resourceRef: metal3HostResourceRef,
          rules: Object.values(metal3HostRules),
          getResources: async refs =>
            refs.map(ref => {
              const id = parseMetal3ResourceRef(ref);
              return (
                id && hostIndex.get(id.cluster, id.namespace, id.name)?.summary
              );
            }),
        });
        permissionsRegistry.addResourceType({
          resourceRef: metal3PoolResourceRef,
          rules: Object.values(metal3PoolRules),
          getResources: async refs =>
            refs.map(ref => {
              const id = parseMetal3ResourceRef(ref);
              if (
                !id ||
                !clusters.listClusters().some(c => c.name === id.cluster)
              )
                return undefined;
              const cache = clusters.getCluster(id.cluster);
              const pool = cache.get(
                'machinedeployments',
                `${id.namespace}/${id.name}`,
              );
              return pool && buildPoolSummary(cache, id.cluster, pool, ownerOf);
            }),
        });
        const access = new FleetAccess({
          ...deps,
          hostRules: permissionsRegistry.getPermissionRuleset(
            metal3HostResourceRef,
          ),
          poolRules: permissionsRegistry.getPermissionRuleset(
            metal3PoolResourceRef,
          ),
        });

        // Long operations live in the database: every replica sees them,
        // and one takes over what another left (docs/architecture.md).
        const settings = readOperationsSettings(config);
        const knex = await migratedDatabase(deps.database);
        const operationStore = new OperationStore(knex, {
          leaseMs: settings.leaseMs,
        });
        const replica = replicaName();
        const operations = new OperationTracker({
          store: operationStore,
          logger: deps.logger,
          auditor: deps.auditor,
          replica,
          recover: hostOperationRecovery(clusters),
          keepMs: settings.keepMs,
        });
        lifecycle.addStartupHook(() => operations.start());
        lifecycle.addShutdownHook(() => operations.stop());
        // Risky operations wait in the same database for a second person:
        // a restart or another replica sees the same requests.
        const approvals = new ApprovalService({
          store: new ApprovalStore(knex),
          settings: readApprovalSettings(config),
          clusters,
          auditor: deps.auditor,
          logger: deps.logger,
          replica,
          run: approvedRuns(clusters),
        });
        lifecycle.addStartupHook(() => approvals.start());
        lifecycle.addShutdownHook(() => approvals.stop());

        // The runbook checks: findings per page, the images view, the
        // fleet banner and the is:noncompliant / is:drift filters.
        const checks = createChecksService({
          ...deps,
          entities: catalogEntitySource(deps),
          ownerOf,
        });
        checks.start();
        lifecycle.addShutdownHook(() => checks.stop());

        // Fleet events → notifications to owners and metrics for alerting.
        wireFleetEvents({
          ...deps,
          knex,
          operations: operationStore,
          hostIndex,
          ownerOf,
          replica,
          leaseMs: settings.leaseMs,
        });

        // Power and temperature history: one replica samples per interval.
        // The scheduler's global scope is the lease (a lock row in the
        // scheduler's table of this database); the readings' unique slot
        // index keeps one reading per host and interval should two replicas
        // ever run a pass for the same interval (docs/architecture.md).
        const history = {
          store: new TelemetryStore(knex),
          settings: readHistorySettings(config),
        };
        if (history.settings.enabled) {
          const sampler = new TelemetrySampler({
            hostIndex,
            telemetry: deps.bmc.telemetry,
            store: history.store,
            settings: history.settings,
            logger: deps.logger,
          });
          await deps.scheduler.scheduleTask({
            id: 'metal3-telemetry-history',
            scope: 'global',
            frequency: { milliseconds: history.settings.intervalMs },
            timeout: { milliseconds: history.settings.intervalMs },
            // The first pass after the cluster caches had time to fill.
            initialDelay: {
              milliseconds: Math.min(30_000, history.settings.intervalMs),
            },
            fn: async () => {
              const pass = await sampler.sampleOnce();
              deps.logger.debug(
                `Telemetry history: ${pass.stored} readings stored, ${pass.alreadySampled} already sampled, ${pass.unreadable} unreadable, ${pass.pruned} pruned`,
              );
            },
          });
        }

        registerFleetActions({ ...deps, access, hostIndex, ownerOf });
        registerCheckActions({ ...deps, access, hostIndex, ownerOf, checks });
        httpRouter.use(
          await createRouter({
            ...deps,
            access,
            hostIndex,
            ownerOf,
            operations,
            approvals,
            portalBaseUrl: config.getOptionalString('app.baseUrl') ?? '',
            checks,
            history,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
