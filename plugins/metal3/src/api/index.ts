export { metal3ApiRef } from './Metal3Api';
export type {
  Metal3Api,
  HostListParams,
  HostAction,
  HostActionResult,
  HostDetailDto,
  HostNodeDto,
  OperationDto,
  PoolDetailDto,
} from './Metal3Api';
export { Metal3Client } from './Metal3Client';
