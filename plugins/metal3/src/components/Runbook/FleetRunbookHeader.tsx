import { Link } from '@backstage/core-components';
import { Box } from '@material-ui/core';
import type { ClusterDto } from '@metal3-fleet/plugin-metal3-common';
import { useMetal3Links } from '../../links';
import { StackHealthBanner } from './StackHealthBanner';

/**
 * What the runbook adds to the top of the fleet page: the unhealthy-stack
 * banners and the way to the images in use of every cluster.
 */
export const FleetRunbookHeader = ({
  clusters,
}: {
  clusters?: ClusterDto[];
}) => {
  const images = useMetal3Links().images();
  return (
    <>
      <StackHealthBanner clusters={clusters} />
      {images && (
        <Box mb={1} textAlign="right">
          <Link to={images}>OS images in use</Link>
        </Box>
      )}
    </>
  );
};
