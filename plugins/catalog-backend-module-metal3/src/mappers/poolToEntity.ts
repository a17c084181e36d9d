import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_METAL3_HOST_SELECTOR,
  ANNOTATION_METAL3_IMAGE,
  ANNOTATION_METAL3_K8S_VERSION,
  formatLabelSelector,
  METAL3_ENTITY_TYPES,
  metal3EntityName,
} from '@metal3-fleet/plugin-metal3-common';
import {
  fleetPagePath,
  MachineDeploymentProjection,
  Metal3MachineTemplateProjection,
} from '@metal3-fleet/plugin-metal3-node';
import { baseAnnotations, clusterRef, compact, MapperContext } from './common';
import { poolLabelSelector } from './kubernetesSelector';

/**
 * A MachineDeployment as a `Resource` of type `worker-pool`. The image and
 * Kubernetes version change on upgrade (a deliberate act, worth an entity
 * update); replica counts are live state and stay out.
 */
export function poolToEntity(
  pool: MachineDeploymentProjection,
  template: Metal3MachineTemplateProjection | undefined,
  context: MapperContext,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: metal3EntityName(context.cluster, pool.namespace, pool.name),
      title: pool.name,
      description: `Worker pool ${pool.name} of ${
        pool.clusterName ?? context.cluster
      }${
        template?.imageUrl
          ? ` running ${template.imageUrl.split('/').pop()}`
          : ''
      }`,
      annotations: {
        ...baseAnnotations(context, pool.namespace, pool.name),
        ...compact({
          'backstage.io/kubernetes-label-selector': poolLabelSelector(pool),
          [ANNOTATION_METAL3_IMAGE]: template?.imageUrl,
          [ANNOTATION_METAL3_K8S_VERSION]: pool.version,
          [ANNOTATION_METAL3_HOST_SELECTOR]: template
            ? formatLabelSelector(template.hostSelector)
            : undefined,
        }),
      },
      tags: ['baremetal', 'worker-pool'],
      links: [
        {
          url: fleetPagePath(context.fleetUrl, 'pools', {
            cluster: context.cluster,
            namespace: pool.namespace,
            name: pool.name,
          }),
          title: 'Live status and operations',
        },
      ],
    },
    spec: {
      type: METAL3_ENTITY_TYPES.pool,
      owner: context.ownerOf(pool.labels, pool.annotations),
      dependencyOf: [clusterRef(context.cluster)],
    },
  };
}
