import {
  AnyParams,
  RouteFunc,
  RouteRef,
  SubRouteRef,
  useRouteRef,
} from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import {
  approvalRouteRef,
  approvalsRouteRef,
  clusterRouteRef,
  fleetRouteRef,
  hostRouteRef,
  imagesRouteRef,
  poolRouteRef,
} from '../routes';

/** A cluster object the portal links to. */
interface ObjectRef {
  cluster: string;
  namespace: string;
  name: string;
}

/**
 * Where the plugin's pages are in this app. Each function answers undefined
 * when the app has not mounted the page it would link to (an app that shows
 * the entity cards but not the fleet page): callers then show plain text.
 */
export interface Metal3Links {
  /** The fleet page, optionally filtered (`?cluster=…&status=…`). */
  fleet(filters?: Record<string, string | undefined>): string | undefined;
  host(ref: ObjectRef): string | undefined;
  pool(ref: ObjectRef): string | undefined;
  cluster(name: string): string | undefined;
  /** The OS images in use, of one cluster or of all. */
  images(cluster?: string): string | undefined;
  /** A catalog entity's page, from its entity ref. */
  entity(entityRef: string): string | undefined;
  /** The approvals of risky operations. */
  approvals(): string | undefined;
  approval(id: string): string | undefined;
}

/**
 * useRouteRef, but undefined instead of an exception for a route the app did
 * not mount. core-plugin-api's useRouteRef throws only after it has called
 * all its hooks, so catching keeps the order of hooks the same every render.
 */
function useMountedRoute<Params extends AnyParams>(
  ref: RouteRef<Params> | SubRouteRef<Params>,
): RouteFunc<Params> | undefined {
  try {
    return useRouteRef(ref);
  } catch {
    return undefined;
  }
}

// Only the three params: a fleet row carries many more fields, and a route
// function must not see them.
const objectParams = ({ cluster, namespace, name }: ObjectRef) => ({
  cluster,
  namespace,
  name,
});

/** Links to the plugin's pages, resolved through the app's routes. */
export function useMetal3Links(): Metal3Links {
  const fleet = useMountedRoute(fleetRouteRef);
  const host = useMountedRoute(hostRouteRef);
  const pool = useMountedRoute(poolRouteRef);
  const cluster = useMountedRoute(clusterRouteRef);
  const images = useMountedRoute(imagesRouteRef);
  const entity = useMountedRoute(entityRouteRef);
  const approvals = useMountedRoute(approvalsRouteRef);
  const approval = useMountedRoute(approvalRouteRef);
  // One object while the routes stay, so memoized table rows stay too.
  return useMemo(
    () => ({
      fleet: filters => {
        if (!fleet) return undefined;
        const query = new URLSearchParams();
        for (const [key, value] of Object.entries(filters ?? {})) {
          if (value) query.set(key, value);
        }
        const search = query.toString();
        return search ? `${fleet()}?${search}` : fleet();
      },
      host: ref => host?.(objectParams(ref)),
      pool: ref => pool?.(objectParams(ref)),
      cluster: name => cluster?.({ name }),
      images: name => {
        if (!images) return undefined;
        return name
          ? `${images()}?${new URLSearchParams({ cluster: name })}`
          : images();
      },
      entity: entityRef =>
        entity?.(entityRouteParams(entityRef, { encodeParams: true })),
      approvals: () => approvals?.(),
      approval: id => approval?.({ id }),
    }),
    [fleet, host, pool, cluster, images, entity, approvals, approval],
  );
}
