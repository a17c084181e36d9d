import { useEntity } from '@backstage/plugin-catalog-react';
import { ANNOTATION_KUBERNETES_CLUSTER } from '@metal3-fleet/plugin-metal3-common';
import { ClusterOverview } from './ClusterOverview';

/**
 * The bare-metal tab of a `kubernetes-cluster` entity. The catalog module
 * names the cluster in an annotation; the entity name is the fallback.
 */
export const ClusterEntityContent = () => {
  const { entity } = useEntity();
  const name =
    entity.metadata.annotations?.[ANNOTATION_KUBERNETES_CLUSTER] ??
    entity.metadata.name;
  return <ClusterOverview name={name} />;
};
