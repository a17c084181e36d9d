import type {
  ControllerRule,
  DeploymentFacts,
  ServedKind,
  StackInput,
} from '@metal3-fleet/plugin-metal3-common';
import type { Available } from '@metal3-fleet/plugin-metal3-common';
import type { DeploymentProjection } from '../../cluster/projections';

/**
 * A controller Deployment as the stack check reads it: its own labels and
 * its pod template's in one set (installers label one or the other).
 */
export function deploymentFacts(d: DeploymentProjection): DeploymentFacts {
  return {
    namespace: d.namespace ?? '',
    name: d.name,
    labels: { ...d.templateLabels, ...d.labels },
    ...(d.replicas !== undefined && { desiredReplicas: d.replicas }),
    ...(d.readyReplicas !== undefined && { readyReplicas: d.readyReplicas }),
    images: d.images,
  };
}

/** The stack check's input from the served kinds and the cached Deployments. */
export function stackInput(options: {
  cluster: string;
  servedKinds: Available<ServedKind[]>;
  deployments: Available<DeploymentProjection[]>;
  unreadNamespaces: Record<string, string>;
  controllers: readonly ControllerRule[];
}): StackInput {
  const { deployments } = options;
  return {
    cluster: options.cluster,
    servedKinds: options.servedKinds,
    deployments: Array.isArray(deployments)
      ? deployments.map(deploymentFacts)
      : deployments,
    ...(Object.keys(options.unreadNamespaces).length > 0 && {
      unreadNamespaces: options.unreadNamespaces,
    }),
    controllers: options.controllers,
  };
}
