export { metal3ApiRef } from './Metal3Api';
export type { Metal3Api, ClusterSummary } from './Metal3Api';
export { Metal3Client } from './Metal3Client';
