import { LinkButton } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Tooltip } from '@material-ui/core';
import {
  metal3PoolScalePermission,
  metal3ResourceRef,
} from '@metal3-fleet/plugin-metal3-common';
import { PoolDetailDto } from '../../api';
import { scaffolderTemplateRouteRef } from '../../routes';
import {
  scaleLink,
  TEMPLATE_ROUTE_UNBOUND,
  upgradeLink,
} from './templateLinks';

/**
 * Scale and upgrade go through scaffolder templates (reviewed, logged,
 * repeatable); these buttons open them with the pool filled in. Disabled,
 * saying why, for a user the policy does not let scale this pool.
 */
export const PoolTemplateButtons = ({ pool }: { pool: PoolDetailDto }) => {
  const { allowed, loading } = usePermission({
    permission: metal3PoolScalePermission,
    resourceRef: metal3ResourceRef(pool),
  });
  const templateRoute = useRouteRef(scaffolderTemplateRouteRef);
  let reason = '';
  if (!templateRoute) reason = TEMPLATE_ROUTE_UNBOUND;
  else if (loading) reason = 'Checking your permissions…';
  else if (!allowed)
    reason = `You are not allowed to change pool ${pool.name} (metal3.pool.scale)`;
  return (
    <Box display="flex" style={{ gap: 8 }}>
      <Tooltip title={reason}>
        <span>
          <LinkButton
            to={scaleLink(templateRoute, pool) ?? ''}
            variant="outlined"
            size="small"
            disabled={Boolean(reason)}
          >
            Scale
          </LinkButton>
        </span>
      </Tooltip>
      <Tooltip title={reason}>
        <span>
          <LinkButton
            to={upgradeLink(templateRoute, pool) ?? ''}
            variant="outlined"
            size="small"
            disabled={Boolean(reason)}
          >
            Upgrade
          </LinkButton>
        </span>
      </Tooltip>
    </Box>
  );
};
