import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { OwnerResolver } from '@internal/plugin-metal3-common';
import { Metal3ClusterService } from '@internal/plugin-metal3-node';
import { HostIndex } from '../../fleet/HostIndex';
import { FleetAccess } from '../FleetAccess';
import { OperationTracker } from '../OperationTracker';

/** What every route module gets from the router. */
export interface RouteContext {
  access: FleetAccess;
  auditor: AuditorService;
  logger: LoggerService;
  clusters: Metal3ClusterService;
  hostIndex: HostIndex;
  ownerOf: OwnerResolver;
  operations: OperationTracker;
}

/** Clusters whose data is served from the last good read, with since when. */
export function staleClusters(clusters: Metal3ClusterService) {
  return clusters
    .health()
    .filter(h => h.staleSince)
    .map(h => ({
      name: h.name,
      staleSince: h.staleSince!,
      ...(h.lastError && { lastError: h.lastError }),
    }));
}

export function isStale(clusters: Metal3ClusterService, cluster: string) {
  return staleClusters(clusters).some(s => s.name === cluster);
}
