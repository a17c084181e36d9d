import { Config } from '@backstage/config';

/**
 * Where the app mounts the fleet page when `metal3.fleetPath` is not set:
 * the path of the portal in this repository and of the plugin's page
 * blueprint by default.
 *
 * @public
 */
export const DEFAULT_FLEET_PATH = '/metal3';

/**
 * Reads `metal3.fleetPath`: where the app mounts the plugin's fleet page
 * (host, pool and cluster pages are below it). The backend cannot see the
 * frontend's routes, so the links it writes (catalog entity links,
 * notifications, template outputs) start with this. Without a trailing
 * slash; a value that is not an app path fails start-up naming the key.
 *
 * @public
 */
export function readFleetPath(config: Config): string {
  const value =
    config.getOptionalString('metal3.fleetPath') ?? DEFAULT_FLEET_PATH;
  if (!value.startsWith('/') || value.startsWith('//')) {
    throw new Error(
      `metal3.fleetPath: must be a path of the app starting with "/" (e.g. "/fleet"), not "${value}"`,
    );
  }
  return value.replace(/\/+$/, '');
}

/**
 * The app path of a host's or pool's page below the fleet page, e.g.
 * `/metal3/hosts/kube-dc-mgmt/metal3/worker-0`. Pure.
 *
 * @public
 */
export function fleetPagePath(
  fleetPath: string,
  page: 'hosts' | 'pools',
  object: { cluster: string; namespace: string | undefined; name: string },
): string {
  return `${fleetPath}/${page}/${object.cluster}/${object.namespace}/${object.name}`;
}
