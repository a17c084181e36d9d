import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_CLUSTER,
  METAL3_ENTITY_TYPES,
} from '@metal3-fleet/plugin-metal3-common';
import { Metal3ClusterConfig } from '@metal3-fleet/plugin-metal3-node';

/**
 * Maps one configured cluster to a `Resource` of type `kubernetes-cluster`,
 * the shape the OCM plugin and the Kubernetes plugin's catalog locator use.
 * Only stable facts: a connection failure must never rewrite the entity.
 */
export function clusterToEntity(
  cluster: Metal3ClusterConfig,
  options: { providerName: string; owner: string },
): Entity {
  const location = `metal3-provider:${options.providerName}`;
  const annotations: Record<string, string> = {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [ANNOTATION_KUBERNETES_CLUSTER]: cluster.name,
  };
  // The Kubernetes plugin's catalog locator reads the API server from here;
  // credentials and CA data are deliberately never copied into the entity.
  if (cluster.authProvider === 'serviceAccount') {
    annotations['kubernetes.io/api-server'] = cluster.url;
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: cluster.name,
      title: cluster.title,
      description: `Kubernetes cluster ${cluster.title} managed through Metal3`,
      annotations,
      tags: ['metal3', 'kubernetes'],
    },
    spec: {
      type: METAL3_ENTITY_TYPES.cluster,
      owner: options.owner,
    },
  };
}
