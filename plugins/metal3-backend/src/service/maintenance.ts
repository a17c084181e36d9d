import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import {
  ClusterCache,
  drainNode,
  evictablePods,
  isNotFound,
  kubePaths,
  OperationResult,
  requireClient,
  setCordoned,
} from '@metal3-fleet/plugin-metal3-node';

/** How long a drain may take in total, resumes on other replicas included. */
export const DRAIN_TIMEOUT_MS = 10 * 60_000;

/** A resume waits this long for the resuming replica's cache of the cluster. */
const SYNC_WAIT_MS = 2 * 60_000;

/**
 * What a maintenance operation records as it goes, for a resume elsewhere
 * (a type, not an interface: it is stored as a JSON record).
 */
export type MaintenanceCheckpoint = {
  /** The node being drained (chosen once, so a resume drains the same one). */
  node?: string;
  /** Evictable pods on it when the operation started. */
  podsAtStart?: number;
  /** Epoch ms the drain gives up, whichever replica runs it then. */
  drainDeadline?: number;
  /** The cordon is in place (done by this operation or found done). */
  cordoned?: boolean;
};

export interface MaintenanceContext {
  cache: ClusterCache;
  name: string;
  progress: (message: string) => void;
  checkpoint: (facts: MaintenanceCheckpoint) => Promise<void>;
}

/**
 * What a drain had done when it stopped, as a person reads it in the
 * operation's record: "node w-3 cordoned; 3 of 7 pods evicted".
 */
export function describeDrain(facts: {
  node: string;
  cordoned: boolean;
  podsAtStart?: number;
  podsLeft: number;
}): string {
  const { node, cordoned, podsAtStart, podsLeft } = facts;
  const cordon = `node ${node} ${cordoned ? 'cordoned' : 'not cordoned'}`;
  if (podsAtStart === undefined) return `${cordon}; ${podsLeft} pod(s) left`;
  const evicted = Math.max(0, podsAtStart - podsLeft);
  return `${cordon}; ${evicted} of ${podsAtStart} pods evicted, ${podsLeft} left`;
}

/** Cordon, then drain `node` (kubectl drain's rules, see drainNode). */
export async function startMaintenance(
  ctx: MaintenanceContext,
  node: string,
): Promise<OperationResult> {
  const client = requireClient(ctx.cache);
  const podsAtStart = (await evictablePods(client, node)).length;
  const drainDeadline = Date.now() + DRAIN_TIMEOUT_MS;
  await ctx.checkpoint({ node, podsAtStart, drainDeadline });
  const cordon = await setCordoned(ctx.cache, node, true);
  ctx.progress(cordon.message);
  await ctx.checkpoint({ cordoned: true });
  return drain(ctx, node, drainDeadline);
}

/**
 * Continues a maintenance operation another replica left. Both steps are
 * idempotent (a cordoned node stays cordoned, eviction takes what is left),
 * so resuming is safe and leaves no node cordoned and half-drained. It is
 * refused, with what was done, when someone uncordoned the node since this
 * operation cordoned it: resuming would undo their later decision.
 */
export async function resumeMaintenance(
  ctx: MaintenanceContext & { nodeOf: () => string },
  checkpoint: MaintenanceCheckpoint,
): Promise<OperationResult> {
  await synced(ctx.cache, checkpoint.node);
  if (!checkpoint.node) {
    // The first replica stopped before it chose the node: it wrote nothing.
    ctx.progress('Resuming from the start: nothing was cordoned yet');
    return startMaintenance(ctx, ctx.nodeOf());
  }
  const node = checkpoint.node;
  const client = requireClient(ctx.cache);
  const live = await client
    .request('GET', kubePaths.node(node))
    .catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
      throw new ConflictError(
        `Not resumed: node ${node} no longer exists; nothing is left to drain`,
      );
    });
  const cordoned = Boolean(live?.spec?.unschedulable);
  const podsLeft = (await evictablePods(client, node)).length;
  const done = describeDrain({
    node,
    cordoned,
    podsAtStart: checkpoint.podsAtStart,
    podsLeft,
  });
  if (checkpoint.cordoned && !cordoned) {
    throw new ConflictError(
      `Not resumed: node ${node} was uncordoned after this operation cordoned it (maintenance-off or kubectl uncordon); ${done}. Run maintenance-on again if ${ctx.name} should go into maintenance`,
    );
  }
  ctx.progress(`Resuming: ${done}`);
  if (!checkpoint.cordoned) {
    const cordon = await setCordoned(ctx.cache, node, true);
    ctx.progress(cordon.message);
    await ctx.checkpoint({ cordoned: true });
  }
  return drain(
    ctx,
    node,
    checkpoint.drainDeadline ?? Date.now() + DRAIN_TIMEOUT_MS,
  );
}

async function drain(
  ctx: MaintenanceContext,
  node: string,
  deadline: number,
): Promise<OperationResult> {
  await drainNode(ctx.cache, node, ctx.progress, {
    timeoutMs: Math.max(0, deadline - Date.now()),
  });
  return {
    changed: true,
    message: `${ctx.name} is in maintenance: node ${node} cordoned and drained`,
  };
}

/** Waits (bounded) until this replica's cache of the cluster has listed everything. */
async function synced(cache: ClusterCache, node?: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ready = await Promise.race([
    cache.whenSynced().then(() => true),
    new Promise<false>(resolve => {
      timer = setTimeout(() => resolve(false), SYNC_WAIT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  if (!ready) {
    throw new ServiceUnavailableError(
      `Not resumed: cluster ${cache.config.name} could not be read within ${
        SYNC_WAIT_MS / 1000
      } s${
        node ? `; node ${node} may be cordoned and partly drained` : ''
      }. Run maintenance-on again, or maintenance-off to uncordon it`,
    );
  }
}
