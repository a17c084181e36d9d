import type { FleetFindingFilter } from '@metal3-fleet/plugin-metal3-common';
import type { ChecksService } from '@metal3-fleet/plugin-metal3-node';
import type { FindingFlags, IndexedHost } from './hostQuery';

/**
 * The `is:noncompliant` / `is:drift` flags of the clusters of `rows`, from
 * the checks service's evaluations (one per cluster, kept and shared). A
 * cluster that cannot be evaluated flags nothing: its hosts do not match.
 */
export async function findingFlags(
  ctx: { checks?: ChecksService },
  rows: readonly IndexedHost[],
): Promise<FindingFlags> {
  const byCluster = new Map<
    string,
    ReadonlyMap<string, ReadonlySet<FleetFindingFilter>>
  >();
  const checks = ctx.checks;
  if (checks) {
    const names = [...new Set(rows.map(r => r.summary.cluster))];
    await Promise.all(
      names.map(async name => {
        const flags = await checks.hostFlags(name).catch(() => undefined);
        if (flags) byCluster.set(name, flags);
      }),
    );
  }
  return host =>
    byCluster
      .get(host.summary.cluster)
      ?.get(`${host.summary.namespace}/${host.summary.name}`);
}
