import { Content } from '@backstage/core-components';
import { useParams } from 'react-router-dom';
import { ClusterOverview } from './ClusterOverview';

/** `/metal3/clusters/:name`. @public */
export const ClusterPage = () => {
  const { name = '' } = useParams();
  return (
    <Content>
      <ClusterOverview name={name} />
    </Content>
  );
};
