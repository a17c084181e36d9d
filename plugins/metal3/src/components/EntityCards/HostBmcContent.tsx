import { useEntity } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import { BmcPanel } from '../BmcPanel';
import { metal3RefOf } from './HostLiveStatusCard';

/** The live BMC tab of a `baremetal-host` entity. @public */
export const HostBmcContent = () => {
  const { entity } = useEntity();
  const ref = metal3RefOf(entity.metadata.annotations);
  if (!ref) return <Typography>This entity names no Metal3 host.</Typography>;
  return <BmcPanel host={ref} />;
};
