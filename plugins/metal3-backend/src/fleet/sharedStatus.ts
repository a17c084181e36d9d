import {
  describeHost,
  HostStatus,
  HostStatusInput,
} from '@metal3-fleet/plugin-metal3-common';

/**
 * describeHost with one shared, frozen result per distinct input: thousands
 * of hosts are "available, powered off, unclaimed", and their rows can point
 * at one status object instead of each holding a copy (the fleet index's
 * memory target is per host). Bounded; past the cap it starts afresh.
 */
const MAX_ENTRIES = 5_000;
const shared = new Map<string, HostStatus>();

export function sharedHostStatus(input: HostStatusInput): HostStatus {
  const key = JSON.stringify([
    input.provisioningState,
    input.operationalStatus,
    input.errorType,
    input.errorMessage,
    input.errorCount,
    input.poweredOn,
    input.online,
    input.annotations,
    Boolean(input.consumer?.name),
    input.maintenance,
  ]);
  let status = shared.get(key);
  if (!status) {
    if (shared.size >= MAX_ENTRIES) shared.clear();
    status = deepFreeze(describeHost(input));
    shared.set(key, status);
  }
  return status;
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object') deepFreeze(child);
  }
  return Object.freeze(value);
}
