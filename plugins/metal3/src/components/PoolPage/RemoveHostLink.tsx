import { Link } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  HostSummaryDto,
  metal3HostRemovePermission,
  metal3ResourceRef,
} from '@metal3-fleet/plugin-metal3-common';
import { removeHostLink } from './templateLinks';

/** Opens the remove-host template for one member; absent without permission. */
export const RemoveHostLink = ({ host }: { host: HostSummaryDto }) => {
  const { allowed } = usePermission({
    permission: metal3HostRemovePermission,
    resourceRef: metal3ResourceRef(host),
  });
  if (!allowed || !host.machine) return null;
  return (
    <Link to={removeHostLink(host)} aria-label={`remove ${host.name}`}>
      Remove…
    </Link>
  );
};
