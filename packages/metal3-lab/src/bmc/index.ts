export { createBmcFleet } from './createBmcFleet';
export type { BmcFleet, EmulatedBmc } from './createBmcFleet';
export type { HostIdentity } from './hostIdentity';
export { loadMockup, MOCKUP_DIR } from './mockupTree';
export { hardwareFromRedfish } from './bmhHardware';
export type { BmhHardware } from './bmhHardware';
export { servedReader } from './servedReader';
export { identityFromHostId } from './identityFromHostId';
