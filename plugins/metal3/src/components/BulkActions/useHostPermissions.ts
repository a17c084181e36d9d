import { useApi } from '@backstage/frontend-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  HostSummaryDto,
  metal3ResourceRef,
} from '@metal3-fleet/plugin-metal3-common';
import useAsync from 'react-use/esm/useAsync';
import { HostPermission } from '../HostActions/actionSpecs';

/**
 * Which of the given hosts the user may act on, per permission. Host
 * permissions are resource permissions (a policy may allow only the hosts
 * of the user's groups), so each host is asked about; usePermission takes
 * one resource, this asks for many through the same permission API, which
 * batches the requests.
 *
 * @returns per permission name, the resource refs allowed; undefined while loading
 */
export function useHostPermissions(
  hosts: HostSummaryDto[],
  permissions: HostPermission[],
) {
  const permissionApi = useApi(permissionApiRef);
  const refs = hosts.map(metal3ResourceRef);
  const names = [...new Set(permissions.map(p => p.name))];
  const { value, loading, error } = useAsync(async () => {
    const allowed = new Map<string, Set<string>>();
    await Promise.all(
      names.map(async name => {
        const permission = permissions.find(p => p.name === name)!;
        const results = await Promise.all(
          refs.map(resourceRef =>
            permissionApi.authorize({ permission, resourceRef }),
          ),
        );
        allowed.set(
          name,
          new Set(
            refs.filter((_, i) => results[i].result === AuthorizeResult.ALLOW),
          ),
        );
      }),
    );
    return allowed;
  }, [permissionApi, refs.join('\n'), names.join(',')]);
  return { allowed: value, loading, error };
}
