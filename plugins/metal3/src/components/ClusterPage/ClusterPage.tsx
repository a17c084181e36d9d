import { Content } from '@backstage/core-components';
import { useParams } from 'react-router-dom';
import { ClusterRunbook } from '../Runbook';
import { ClusterOverview } from './ClusterOverview';

/** One cluster's page (clusterRouteRef). */
export const ClusterPage = () => {
  const { name = '' } = useParams();
  return (
    <Content>
      <ClusterOverview name={name} />
      <ClusterRunbook name={name} />
    </Content>
  );
};
