import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import {
  ANNOTATION_KUBERNETES_CLUSTER,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_METAL3_NAME,
} from '@metal3-fleet/plugin-metal3-common';
import useAsync from 'react-use/esm/useAsync';
import { metal3ApiRef } from '../../api';
import { useMetal3Links } from '../../links';
import { StatusChip } from '../StatusChip';

/** Reads the cluster object an entity stands for from its annotations. */
export function metal3RefOf(annotations: Record<string, string> = {}) {
  const cluster = annotations[ANNOTATION_KUBERNETES_CLUSTER];
  const namespace = annotations[ANNOTATION_KUBERNETES_NAMESPACE];
  const name = annotations[ANNOTATION_METAL3_NAME];
  return cluster && namespace && name
    ? { cluster, namespace, name }
    : undefined;
}

/**
 * The card's link to the plugin's own page; no row when the app did not
 * mount the page (an app may show the cards alone).
 */
const detailsLink = (to: string | undefined, text: string) =>
  to ? { details: <Link to={to}>{text}</Link> } : {};

/**
 * Live state of a `baremetal-host` entity. The entity only holds stable facts;
 * this card asks the backend for power, provisioning state and errors.
 */
export const HostLiveStatusCard = () => {
  const { entity } = useEntity();
  const metal3Api = useApi(metal3ApiRef);
  const links = useMetal3Links();
  const ref = metal3RefOf(entity.metadata.annotations);
  const { value, loading, error } = useAsync(
    async () => (ref ? metal3Api.getHost(ref) : undefined),
    [metal3Api, ref?.cluster, ref?.namespace, ref?.name],
  );
  return (
    <InfoCard title="Live status">
      {!ref && <Typography>This entity names no Metal3 host.</Typography>}
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <>
          <StatusChip status={value.status} />
          <StructuredMetadataTable
            metadata={{
              power: value.status.power,
              state: value.provisioningState ?? '—',
              pool: value.pool?.name ?? 'none',
              node: value.node?.name ?? '—',
              ...detailsLink(links.host(value), 'open host page'),
            }}
          />
        </>
      )}
    </InfoCard>
  );
};

/** Live state of a `worker-pool` entity: replicas, health and capacity. */
export const PoolLiveStatusCard = () => {
  const { entity } = useEntity();
  const metal3Api = useApi(metal3ApiRef);
  const links = useMetal3Links();
  const ref = metal3RefOf(entity.metadata.annotations);
  const { value, loading, error } = useAsync(
    async () => (ref ? metal3Api.getPool(ref) : undefined),
    [metal3Api, ref?.cluster, ref?.namespace, ref?.name],
  );
  return (
    <InfoCard title="Live status">
      {!ref && <Typography>This entity names no Metal3 pool.</Typography>}
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <StructuredMetadataTable
          metadata={{
            health: value.health.label,
            replicas: `${value.availableReplicas} available of ${value.desiredReplicas} desired`,
            'free matching hosts': value.freeMatchingHosts,
            problems: value.health.problems.join('; ') || 'none',
            ...detailsLink(links.pool(value), 'open pool page'),
          }}
        />
      )}
    </InfoCard>
  );
};
