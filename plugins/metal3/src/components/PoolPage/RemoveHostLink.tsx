import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  HostSummaryDto,
  metal3HostRemovePermission,
  metal3ResourceRef,
} from '@metal3-fleet/plugin-metal3-common';
import { scaffolderTemplateRouteRef } from '../../routes';
import { removeHostLink, TEMPLATE_ROUTE_UNBOUND } from './templateLinks';

/**
 * Opens the remove-host template for one member; absent without permission,
 * text saying why in an app that has not bound the template route.
 */
export const RemoveHostLink = ({ host }: { host: HostSummaryDto }) => {
  const { allowed } = usePermission({
    permission: metal3HostRemovePermission,
    resourceRef: metal3ResourceRef(host),
  });
  const to = removeHostLink(useRouteRef(scaffolderTemplateRouteRef), host);
  if (!allowed || !host.machine) return null;
  if (!to) return <span title={TEMPLATE_ROUTE_UNBOUND}>Remove…</span>;
  return (
    <Link to={to} aria-label={`remove ${host.name}`}>
      Remove…
    </Link>
  );
};
