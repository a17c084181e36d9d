import { Metal3ClusterService } from '@metal3-fleet/plugin-metal3-node';
import { HOST_ACTIONS, HostActionHandler } from './hostActions';
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
    // Stored rows name actions as strings; one this version lacks is not resumed.
    const action = (HOST_ACTIONS as Partial<Record<string, HostActionHandler>>)[
      operation.action
    ];
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
