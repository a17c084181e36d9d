export { metal3ApiRef } from './Metal3Api';
export type { Metal3Api, HostListParams } from './Metal3Api';
export { Metal3Client } from './Metal3Client';
// The wire types live in @metal3-fleet/plugin-metal3-common; the names the
// frontend's components import from here are passed through, not redefined.
export type {
  ApprovalDto,
  ApprovalImpactDto,
  HostAction,
  HostActionResult,
  HostDetailDto,
  HostNodeDto,
  OperationDto,
  PoolDetailDto,
} from '@metal3-fleet/plugin-metal3-common';
