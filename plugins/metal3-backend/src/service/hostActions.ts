import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  METAL3_HOST_RESOURCE_TYPE,
  metal3HostManagePermission,
  metal3HostPowerPermission,
  metal3HostRemovePermission,
} from '@metal3-fleet/plugin-metal3-common';
import {
  ClusterCache,
  drainNode,
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

export interface HostActionContext {
  cache: ClusterCache;
  namespace: string;
  name: string;
  body: { mode?: string };
  /** For long work: progress lines of the tracked operation. */
  progress: (message: string) => void;
}

export interface HostAction {
  permission: ResourcePermission<typeof METAL3_HOST_RESOURCE_TYPE>;
  /** Audit severity: anything that cuts power or capacity is high. */
  severity: 'medium' | 'high';
  /** Long actions run in the background and report progress through an operation. */
  background?: boolean;
  run(ctx: HostActionContext): Promise<OperationResult>;
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

/** Every host operation of the API, by its URL name. */
export const HOST_ACTIONS: Record<string, HostAction> = {
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
    run: ctx => {
      const mode = ctx.body.mode ?? 'soft';
      if (mode !== 'soft' && mode !== 'hard') {
        throw new ConflictError(`mode: "${mode}" is not soft or hard`);
      }
      return requestReboot(ctx, mode);
    },
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
    run: async ctx => {
      const node = nodeOf(ctx);
      const cordon = await setCordoned(ctx.cache, node, true);
      ctx.progress(cordon.message);
      await drainNode(ctx.cache, node, ctx.progress);
      return {
        changed: true,
        message: `${ctx.name} is in maintenance: node ${node} cordoned and drained`,
      };
    },
  },
  'maintenance-off': {
    permission: metal3HostManagePermission,
    severity: 'medium',
    run: ctx => setCordoned(ctx.cache, nodeOf(ctx), false),
  },
  'remove-from-pool': {
    permission: metal3HostRemovePermission,
    severity: 'high',
    run: ctx => removeFromPool(ctx),
  },
};
