export { createBmcFleet } from './createBmcFleet';
export type { BmcFleet, EmulatedBmc } from './createBmcFleet';
export type { HostIdentity } from './hostIdentity';
export { loadMockup, MOCKUP_DIR } from './mockupTree';
export type { MockupName } from './mockupTree';
