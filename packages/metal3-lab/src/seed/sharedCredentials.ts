import type { HostSeed } from './seedFleet';

/**
 * One BMC credentials Secret used by two hosts, as sites that give a rack
 * one BMC account do. Hides write bugs: whoever deletes "the host's Secret"
 * with one host breaks the other, and a changed Secret re-registers both.
 */
export const SHARED_BMC_SECRET = 'shared-bmc-credentials';

export const SHARED_CREDENTIALS_HOSTS: HostSeed[] = [
  {
    name: 'shared-bmc-0',
    profile: 'dell-r650',
    state: 'available',
    labels: { rack: 'r7' },
    credentialsName: SHARED_BMC_SECRET,
  },
  {
    name: 'shared-bmc-1',
    profile: 'dell-r650',
    state: 'available',
    labels: { rack: 'r7' },
    credentialsName: SHARED_BMC_SECRET,
  },
];
