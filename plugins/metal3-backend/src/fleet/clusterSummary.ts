import {
  ClusterDto,
  StackSummaryDto,
} from '@metal3-fleet/plugin-metal3-common';
import { ClusterHealth } from '@metal3-fleet/plugin-metal3-node';

/**
 * A cluster as `GET /clusters` serves it: its health field by field (a
 * field the cluster service adds to its health is not sent until the wire
 * type and the spec declare it), with the sizes the caller cannot count.
 */
export function buildClusterSummary(
  health: ClusterHealth,
  facts: {
    authProvider: string;
    hosts: number;
    pools: number;
    /** The stack checks' summary, when they could run. */
    stack?: StackSummaryDto;
  },
): ClusterDto {
  return {
    name: health.name,
    title: health.title,
    authProvider: facts.authProvider,
    server: health.server,
    connected: health.connected,
    synced: health.synced,
    staleSince: health.staleSince,
    lastError: health.lastError,
    problem: health.problem,
    capiVersion: health.capiVersion,
    unavailable: health.unavailable,
    hosts: facts.hosts,
    pools: facts.pools,
    ...(facts.stack && { stack: facts.stack }),
  };
}
