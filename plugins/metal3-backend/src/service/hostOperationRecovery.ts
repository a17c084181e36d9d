import type { HostAction } from '@metal3-fleet/plugin-metal3-common';
import { Metal3ClusterService } from '@metal3-fleet/plugin-metal3-node';
import { HOST_ACTIONS } from './hostActions';
import { OperationRecovery } from './OperationTracker';

/**
 * How this replica continues a host operation another replica left: the
 * action's own `resume` (maintenance-on has one), on this replica's cache of
 * the operation's cluster. Actions without one are not resumed.
 */
export function hostOperationRecovery(
  clusters: Metal3ClusterService,
): OperationRecovery {
  return operation => {
    // Recorded by the host action route, so one of HOST_ACTIONS (or an
    // action an older version ran, which has no entry and is not resumed).
    const action = HOST_ACTIONS[operation.action as HostAction];
    if (!action?.resume) return undefined;
    const { cluster, namespace, name } = operation.target;
    return async context => {
      // Throws naming the cluster when it is no longer configured.
      const cache = clusters.getCluster(cluster);
      const result = await action.resume!(
        {
          cache,
          namespace,
          name,
          body: {},
          progress: context.progress,
          checkpoint: context.checkpoint,
        },
        operation.checkpoint,
      );
      return result.message;
    };
  };
}
