import {
  Content,
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { ClusterSummary, metal3ApiRef } from '../../api';

const AUTH_LABELS: Record<ClusterSummary['authProvider'], string> = {
  serviceAccount: 'Service account token',
  kubeconfig: 'Kubeconfig',
  inCluster: 'In-cluster service account',
};

const columns: TableColumn<ClusterSummary>[] = [
  { title: 'Cluster', field: 'title' },
  { title: 'Name', field: 'name' },
  {
    title: 'Authentication',
    render: cluster => AUTH_LABELS[cluster.authProvider],
  },
];

/** The fleet page: every configured cluster and, as the plugin grows, its hosts and pools. */
export const FleetPage = () => {
  const metal3Api = useApi(metal3ApiRef);
  const { value, loading, error } = useAsync(
    () => metal3Api.listClusters(),
    [metal3Api],
  );

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!value || value.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No clusters configured"
        description="Add a cluster under metal3.clusters in app-config.yaml, or enable the embedded lab (metal3.lab.enabled: true)."
      />
    );
  } else {
    body = (
      <Table<ClusterSummary>
        title="Clusters"
        options={{ paging: false, search: false }}
        columns={columns}
        data={value}
      />
    );
  }
  return <Content>{body}</Content>;
};
