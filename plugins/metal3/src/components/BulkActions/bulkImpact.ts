import {
  HostSummaryDto,
  metal3ResourceRef,
} from '@metal3-fleet/plugin-metal3-common';
import { ActionHost, BulkActionSpec } from '../HostActions/actionSpecs';

/** Who a bulk action touches and what goes down with them. */
export interface BulkImpact {
  targets: HostSummaryDto[];
  /** Selected hosts the action does not apply to (e.g. not in a pool). */
  ineligible: HostSummaryDto[];
  /** Selected hosts the permission policy does not allow. */
  denied: HostSummaryDto[];
  /** Nodes that go down with the targets, when the action disrupts them. */
  nodes: string[];
  /** Pods on those nodes, when the API reports a count for every node. */
  pods?: number;
  /** Hosts per pool among the targets. */
  pools: Record<string, number>;
}

export function bulkImpact(
  spec: BulkActionSpec,
  selected: HostSummaryDto[],
  allowedRefs: Set<string>,
): BulkImpact {
  const impact: BulkImpact = {
    targets: [],
    ineligible: [],
    denied: [],
    nodes: [],
    pools: {},
  };
  let pods: number | undefined = 0;
  for (const host of selected) {
    if (!spec.eligible(host)) impact.ineligible.push(host);
    else if (!allowedRefs.has(metal3ResourceRef(host)))
      impact.denied.push(host);
    else {
      impact.targets.push(host);
      if (host.pool) {
        impact.pools[host.pool.name] = (impact.pools[host.pool.name] ?? 0) + 1;
      }
      if (spec.disruptsNodes && host.node) {
        impact.nodes.push(host.node.name);
        const count = (host as ActionHost).node?.podCount;
        pods =
          count === undefined || pods === undefined ? undefined : pods + count;
      }
    }
  }
  if (impact.nodes.length > 0 && pods !== undefined) impact.pods = pods;
  return impact;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** At most `max` names, then "and N more": a confirmation stays readable at 500 hosts. */
export function nameList(names: string[], max = 8): string {
  return names.length <= max
    ? names.join(', ')
    : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** The sentences the confirmation shows. */
export function describeImpact(spec: BulkActionSpec, impact: BulkImpact) {
  const lines = [
    `${plural(impact.targets.length, 'host')} will be ${spec.verb}: ${nameList(
      impact.targets.map(h => h.name),
    )}.`,
  ];
  if (impact.nodes.length > 0) {
    lines.push(
      `${plural(impact.nodes.length, 'node')} and ${
        impact.pods === undefined
          ? 'every pod on them'
          : plural(impact.pods, 'pod')
      } go down with them: ${nameList(impact.nodes)}.`,
    );
  }
  const pools = Object.entries(impact.pools);
  if (pools.length > 0) {
    lines.push(
      `Pools affected: ${pools
        .map(([pool, n]) => `${pool} (${plural(n, 'host')})`)
        .join(', ')}.`,
    );
  }
  if (impact.ineligible.length > 0) {
    lines.push(
      `Skipped, ${spec.skipReason}: ${nameList(
        impact.ineligible.map(h => h.name),
      )}.`,
    );
  }
  if (impact.denied.length > 0) {
    lines.push(
      `Skipped, not allowed for you: ${nameList(
        impact.denied.map(h => h.name),
      )}.`,
    );
  }
  return lines;
}
