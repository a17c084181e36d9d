import { InputError, NotFoundError } from '@backstage/errors';
import { formatLabelSelector } from '@metal3-fleet/plugin-metal3-common';
import type { ClusterCache } from '../cluster/ClusterCache';
import { requireClient } from '../cluster/requireClient';
import { poolTemplate } from '../fleet';
import { capiVersionOf } from './kubePaths';
import { poolCapacity } from './poolCapacity';
import { changeReplicas, ReplicaChange, ReplicaRequest } from './replicas';

export interface PoolTarget {
  cache: ClusterCache;
  namespace: string;
  name: string;
}

export interface PoolScale extends ReplicaChange {
  message: string;
}

/**
 * Scales a pool to a number or by a difference (see `changeReplicas` for
 * the exactly-once rules), refusing a scale-up beyond the free hosts its
 * host selector matches: the new Metal3Machines would wait for ever. The
 * check runs again on the fresh replica count of every attempt, so
 * concurrent scale-ups cannot push the pool beyond its hosts together.
 */
export async function scalePool(
  target: PoolTarget,
  options: {
    request: ReplicaRequest;
    dryRun?: boolean;
    /** Idempotency key of a relative change (see REPLICA_CHANGES_ANNOTATION). */
    key?: string;
    /** Further checks of the caller (min/max guards). */
    check?: (from: number, to: number) => void;
  },
): Promise<PoolScale> {
  const { cache, namespace, name } = target;
  const pool = cache.get('machinedeployments', `${namespace}/${name}`);
  if (!pool) {
    throw new NotFoundError(
      `No MachineDeployment ${namespace}/${name} in cluster ${cache.config.name}`,
    );
  }
  const capacity = poolCapacity(cache, pool);
  // The most replicas the free hosts can carry, from one consistent view
  // (the cache): concurrent "+1"s each see a fresh count one higher, so the
  // bound is on the target, not on each step.
  const limit = (pool.replicas ?? 1) + capacity.headroom;
  const template = poolTemplate(cache, pool);
  const selector = template
    ? formatLabelSelector(template.hostSelector)
    : '(no template)';
  const [field, asked] =
    'to' in options.request
      ? ['replicas', options.request.to]
      : ['delta', options.request.by];
  const change = await changeReplicas({
    client: requireClient(cache),
    capiVersion: capiVersionOf(cache),
    namespace,
    pool: name,
    request: options.request,
    dryRun: options.dryRun,
    key: options.key,
    check: (from, to) => {
      options.check?.(from, to);
      if (to > from && to > limit) {
        throw new InputError(
          `${field}: ${asked} needs ${to - from} more hosts but only ${Math.max(
            0,
            limit - from,
          )} available hosts match ${selector} in ${namespace}`,
        );
      }
    },
  });
  const via = change.via === 'topology' ? ' through its Cluster topology' : '';
  let message = `Pool ${namespace}/${name} is already at ${change.to} replicas`;
  if (change.changed) {
    message = `${
      options.dryRun ? 'Dry run: would scale' : 'Scaled'
    } pool ${namespace}/${name} from ${change.from} to ${change.to}${via}`;
  }
  return { ...change, message };
}
