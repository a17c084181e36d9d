import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
import {
  HealthResponse,
  OwnerResolver,
} from '@metal3-fleet/plugin-metal3-common';
import {
  ChecksService,
  Metal3BmcService,
  Metal3ClusterService,
  Metal3HostResource,
  metal3HostRules,
  Metal3PoolResource,
  metal3PoolRules,
} from '@metal3-fleet/plugin-metal3-node';
import express from 'express';
import { HostIndex } from '../fleet/HostIndex';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { ApprovalService } from '../approvals/ApprovalService';
import { FleetAccess } from './FleetAccess';
import { rulesetOf } from './rulesetOf';
import { OperationTracker } from './OperationTracker';
import { registerApprovalRoutes } from './routes/approvalRoutes';
import { registerBmcRoutes } from './routes/bmcRoutes';
import { registerCheckRoutes } from './routes/checkRoutes';
import { registerClusterRoutes } from './routes/clusterRoutes';
import {
  registerHistoryRoutes,
  HostHistorySource,
} from './routes/historyRoutes';
import { registerHostActionRoutes } from './routes/hostActionRoutes';
import { registerHostRoutes } from './routes/hostRoutes';
import { registerPoolRoutes } from './routes/poolRoutes';

/** What the router needs; services come in as options so tests can swap them. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  clusters: Metal3ClusterService;
  /** BMC preflight and telemetry; their routes are absent without it. */
  bmc?: Metal3BmcService;
  /** The runbook checks; their routes and filters are absent without it. */
  checks?: ChecksService;
  hostIndex: HostIndex;
  ownerOf: OwnerResolver;
  /** Long operations, in the plugin's database. */
  operations: OperationTracker;
  /** Power and temperature readings; the history route is absent without it. */
  history?: HostHistorySource;
  /** Risky operations waiting for a second person (metal3.approvals). */
  approvals: ApprovalService;
  /** `app.baseUrl`, for the links of approvals. */
  portalBaseUrl: string;
  /** Shared with the actions registry; built from the options when absent. */
  access?: FleetAccess;
  /** Rulesets from the permissions registry; the plugin's own rules when absent. */
  hostRules?: PermissionRuleset<Metal3HostResource>;
  poolRules?: PermissionRuleset<Metal3PoolResource>;
}

/**
 * The `/api/metal3` router. Requests are validated against
 * `src/schema/openapi.yaml` before any handler runs (unknown query
 * parameters, wrong enums and malformed bodies answer 400 naming the field);
 * the route modules do the rest.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  // Typed by the spec: every handler's parameters and bodies are checked
  // against it at compile time (see RouteContext's Metal3ApiRouter).
  const router = await createOpenApiRouter();
  const context = {
    ...options,
    access:
      options.access ??
      new FleetAccess({
        httpAuth: options.httpAuth,
        permissions: options.permissions,
        hostRules: options.hostRules ?? rulesetOf(metal3HostRules),
        poolRules: options.poolRules ?? rulesetOf(metal3PoolRules),
      }),
  };

  router.get('/health', (_req, res) => {
    const body: HealthResponse = { status: 'ok' };
    res.json(body);
  });
  registerClusterRoutes(router, context);
  registerHostRoutes(router, context);
  registerHostActionRoutes(router, context);
  registerPoolRoutes(router, context);
  registerApprovalRoutes(router, context);
  if (options.bmc) registerBmcRoutes(router, { ...context, bmc: options.bmc });
  if (options.checks) {
    registerCheckRoutes(router, { ...context, checks: options.checks });
  }
  if (options.history) {
    registerHistoryRoutes(router, { ...context, history: options.history });
  }
  return router;
}
