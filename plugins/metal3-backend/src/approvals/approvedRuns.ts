import { InputError } from '@backstage/errors';
import { OperationResult, scalePool } from '@metal3-fleet/plugin-metal3-node';
import { Metal3ClusterService } from '@metal3-fleet/plugin-metal3-node';
import { HOST_ACTIONS } from '../service/hostActions';
import { StoredApproval } from './approvalRows';

/** Runs an approved REST request; its answer becomes the approval's result. */
export type ApprovedRun = (
  approval: StoredApproval,
) => Promise<OperationResult>;

/**
 * How the backend runs an approved REST request: through the same write
 * layer and the same handlers as the request would have run at once, with
 * the requester's parameters. A relative scale-down carries the approval's
 * id as its idempotency key, so it shrinks the pool once however often it
 * is written. Pool upgrades exist only as template actions, whose task runs
 * them.
 */
export function approvedRuns(clusters: Metal3ClusterService): ApprovedRun {
  return async approval => {
    const { cluster, namespace, name } = approval.target;
    const cache = clusters.getCluster(cluster);
    const host = {
      cache,
      namespace,
      name,
      progress: () => {},
      checkpoint: async () => {},
    };
    switch (approval.kind) {
      case 'power-off':
        return HOST_ACTIONS['power-off'].run({ ...host, body: {} });
      case 'hard-reboot':
        return HOST_ACTIONS.reboot.run({ ...host, body: { mode: 'hard' } });
      case 'remove-from-pool':
        return HOST_ACTIONS['remove-from-pool'].run({ ...host, body: {} });
      case 'scale-down': {
        const { replicas, delta } = approval.parameters;
        const change = await scalePool(
          { cache, namespace, name },
          {
            request: replicas !== undefined ? { to: replicas } : { by: delta! },
            key: replicas !== undefined ? undefined : approval.id,
          },
        );
        return { changed: change.changed, message: change.message };
      }
      default:
        throw new InputError(
          `${approval.kind} is run by the template task that requested it`,
        );
    }
  };
}
