export { HostTable } from './HostTable';
export type { HostSelection, HostTableProps } from './HostTable';
export { HOST_COLUMNS, ALL_COLUMN_IDS } from './columns';
export type { HostColumn } from './columns';
export { GROUPS, groupHosts, isGroupBy } from './grouping';
export type { GroupBy, HostGroup } from './grouping';
