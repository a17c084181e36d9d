import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  HostAction,
  HostActionRequest,
  METAL3_HOST_RESOURCE_TYPE,
  metal3HostManagePermission,
  metal3HostPowerPermission,
  metal3HostRemovePermission,
} from '@metal3-fleet/plugin-metal3-common';
import {
  ClusterCache,
  linkHost,
  OperationResult,
  removeFromPool,
  requestInspection,
  requestReboot,
  setCordoned,
  setDetached,
  setOnline,
} from '@metal3-fleet/plugin-metal3-node';
import { ConflictError } from '@backstage/errors';
import {
  MaintenanceCheckpoint,
  resumeMaintenance,
  startMaintenance,
} from './maintenance';

export interface HostActionContext {
  cache: ClusterCache;
  namespace: string;
  name: string;
  body: HostActionRequest;
  /** For long work: progress lines of the tracked operation. */
  progress: (message: string) => void;
  /** For long work: facts a resume on another replica needs. */
  checkpoint: (facts: Record<string, unknown>) => Promise<void>;
}

/** How the API runs one host action. */
export interface HostActionHandler {
  permission: ResourcePermission<typeof METAL3_HOST_RESOURCE_TYPE>;
  /** Audit severity: anything that cuts power or capacity is high. */
  severity: 'medium' | 'high';
  /**
   * Long actions run in the background and report progress through an
   * operation; a repeat while one runs for the host joins it.
   */
  background?: boolean;
  run(ctx: HostActionContext): Promise<OperationResult>;
  /**
   * Continues a background action another replica left (it crashed, was
   * killed or shut down), from what it recorded with `checkpoint`. Absent:
   * the operation is not resumed but marked failed with its last progress.
   */
  resume?(
    ctx: HostActionContext,
    checkpoint: Record<string, unknown>,
  ): Promise<OperationResult>;
}

function nodeOf(ctx: HostActionContext): string {
  const host = ctx.cache.get('baremetalhosts', `${ctx.namespace}/${ctx.name}`);
  const node = host ? linkHost(ctx.cache, host).machine?.nodeName : undefined;
  if (!node) {
    throw new ConflictError(
      `${ctx.name} runs no Kubernetes node; maintenance applies to nodes`,
    );
  }
  return node;
}

/**
 * Every host operation of the API, by its URL name: one handler per action
 * the spec (and the wire type HostAction) names, checked by the compiler.
 */
export const HOST_ACTIONS: Record<HostAction, HostActionHandler> = {
  'power-on': {
    permission: metal3HostPowerPermission,
    severity: 'medium',
    run: ctx => setOnline(ctx, true),
  },
  'power-off': {
    permission: metal3HostPowerPermission,
    severity: 'high',
    run: ctx => setOnline(ctx, false),
  },
  reboot: {
    permission: metal3HostPowerPermission,
    severity: 'high',
    // The spec admits only soft and hard: anything else is a 400 before this.
    run: ctx => requestReboot(ctx, ctx.body.mode ?? 'soft'),
  },
  inspect: {
    permission: metal3HostManagePermission,
    severity: 'medium',
    run: ctx => requestInspection(ctx),
  },
  detach: {
    permission: metal3HostManagePermission,
    severity: 'high',
    run: ctx => setDetached(ctx, true),
  },
  attach: {
    permission: metal3HostManagePermission,
    severity: 'medium',
    run: ctx => setDetached(ctx, false),
  },
  'maintenance-on': {
    permission: metal3HostManagePermission,
    severity: 'high',
    background: true,
    run: ctx => startMaintenance(ctx, nodeOf(ctx)),
    // Resumed: cordon and eviction are idempotent, and a node left cordoned
    // and half-drained is the worst place to stop (see resumeMaintenance).
    resume: (ctx, checkpoint) =>
      resumeMaintenance(
        { ...ctx, nodeOf: () => nodeOf(ctx) },
        checkpoint as MaintenanceCheckpoint,
      ),
  },
  'maintenance-off': {
    permission: metal3HostManagePermission,
    severity: 'medium',
    run: ctx => setCordoned(ctx.cache, nodeOf(ctx), false),
  },
  'remove-from-pool': {
    permission: metal3HostRemovePermission,
    severity: 'high',
    // Exactly once per host: see removeFromPool (claim, then shrink by one).
    run: ctx => removeFromPool(ctx),
  },
};
