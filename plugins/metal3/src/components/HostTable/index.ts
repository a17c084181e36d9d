export { HostTable } from './HostTable';
export type { HostSelection, HostTableProps } from './HostTable';
export { HOST_COLUMNS, ALL_COLUMN_IDS, defaultColumnIds } from './columns';
export type { HostColumn } from './columns';
export { useDefaultColumns } from './useDefaultColumns';
export { GROUPS, groupHosts, isGroupBy } from './grouping';
export type { GroupBy, HostGroup } from './grouping';
