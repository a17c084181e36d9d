export { BulkActionBar } from './BulkActionBar';
export type { BulkActionBarProps } from './BulkActionBar';
export { runBulk } from './runBulk';
export type { BulkOutcome } from './runBulk';
