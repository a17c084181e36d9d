import type { HostListResponse } from '@metal3-fleet/plugin-metal3-common';

/** The host counts of one cluster, as `GET /hosts?cluster=<name>` facets them. */
export interface ClusterCounts {
  cluster: string;
  facets: Pick<HostListResponse['facets'], 'status' | 'pool'>;
}

export type OverviewFacet = 'status' | 'pool';

/** The fleet filters the overview reads and sets (the page's URL holds them). */
export interface OverviewSelection {
  cluster: string[];
  status: string[];
  pool: string[];
}

/** What the pool facet counts hosts without a pool as (backend hostQuery.ts). */
export const NO_POOL = '(none)';

/** Segments left to right: settled and fine first, then moving, then wrong. */
const STATUS_ORDER = [
  'provisioned',
  'externally-provisioned',
  'available',
  'registering',
  'inspecting',
  'preparing',
  'provisioning',
  'deprovisioning',
  'deleting',
  'unmanaged',
  'error',
  'unknown',
];

export interface OverviewChartData {
  /** The values of the facet, in segment order. */
  keys: string[];
  /** Hosts per value over every cluster, for the legend. */
  totals: Record<string, number>;
  /** One bar per cluster with a count per value. */
  rows: { id: string; label: string; values: Record<string, number> }[];
}

/**
 * One facet of every cluster as chart data. Statuses keep the lifecycle
 * order whatever order the API counted them in (new codes go last, by name);
 * pools go largest first and "no pool" last. Pure.
 */
export function overviewChartData(
  clusters: ClusterCounts[],
  facet: OverviewFacet,
): OverviewChartData {
  const totals: Record<string, number> = {};
  for (const { facets } of clusters) {
    for (const [key, count] of Object.entries(facets[facet] ?? {})) {
      if (count > 0) totals[key] = (totals[key] ?? 0) + count;
    }
  }
  const rank = (key: string) => {
    if (facet === 'status') {
      const index = STATUS_ORDER.indexOf(key);
      return index === -1 ? STATUS_ORDER.length : index;
    }
    return key === NO_POOL ? 1 : 0;
  };
  const keys = Object.keys(totals).sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (facet === 'pool' ? totals[b] - totals[a] : 0) ||
      a.localeCompare(b),
  );
  return {
    keys,
    totals,
    rows: clusters.map(({ cluster, facets }) => ({
      id: cluster,
      label: cluster,
      values: { ...facets[facet] },
    })),
  };
}
