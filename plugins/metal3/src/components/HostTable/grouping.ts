import {
  HostListResponse,
  HostSummaryDto,
} from '@metal3-fleet/plugin-metal3-common';

/** What the fleet table can group by; each maps to an API sort and facet. */
export type GroupBy = 'pool' | 'status' | 'cluster' | 'vendor';

interface GroupSpec {
  label: string;
  /** Sorting by this field keeps a group on consecutive pages. */
  sort: string;
  facet: keyof HostListResponse['facets'];
  /** Same keys as the API's facets, so a group can show its fleet-wide total. */
  keyOf(host: HostSummaryDto): string;
}

export const GROUPS: Record<GroupBy, GroupSpec> = {
  pool: {
    label: 'Pool',
    sort: 'pool',
    facet: 'pool',
    keyOf: h => h.pool?.name ?? '(none)',
  },
  status: {
    label: 'Status',
    sort: 'status',
    facet: 'status',
    keyOf: h => h.status.code,
  },
  cluster: {
    label: 'Cluster',
    sort: 'cluster',
    facet: 'cluster',
    keyOf: h => h.cluster,
  },
  vendor: {
    label: 'Vendor',
    sort: 'vendor',
    facet: 'vendor',
    keyOf: h => h.hardware?.manufacturer ?? '(unknown)',
  },
};

export const isGroupBy = (value: unknown): value is GroupBy =>
  typeof value === 'string' && value in GROUPS;

export interface HostGroup {
  key: string;
  /** What the header shows: the status labels for status, else the key. */
  label: string;
  hosts: HostSummaryDto[];
}

/**
 * Groups one page of hosts, in the order groups first appear. The page is
 * sorted by the group's field, so groups are contiguous; this also copes
 * when they are not (status sorts by label, groups by code).
 */
export function groupHosts(
  hosts: HostSummaryDto[],
  groupBy: GroupBy,
): HostGroup[] {
  const groups = new Map<string, HostGroup>();
  for (const host of hosts) {
    const key = GROUPS[groupBy].keyOf(host);
    let group = groups.get(key);
    if (!group) {
      group = { key, label: key, hosts: [] };
      groups.set(key, group);
    }
    group.hosts.push(host);
  }
  if (groupBy === 'status') {
    for (const group of groups.values()) {
      group.label = [...new Set(group.hosts.map(h => h.status.label))].join(
        ' / ',
      );
    }
  }
  return [...groups.values()];
}
