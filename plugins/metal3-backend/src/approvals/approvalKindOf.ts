import {
  ApprovalKind,
  HostAction,
  HostActionRequest,
} from '@metal3-fleet/plugin-metal3-common';
import { ReplicaRequest } from '@metal3-fleet/plugin-metal3-node';

/** A host that runs an operating system someone put there (its node, its workloads). */
export function isProvisioned(provisioningState: string | undefined): boolean {
  return (
    provisioningState === 'provisioned' ||
    provisioningState === 'externally provisioned'
  );
}

/**
 * The approval kind a REST host action falls under, if any: a power-off or a
 * hard reboot of a provisioned host (a host that is not provisioned runs
 * nothing to lose), and any removal from a pool.
 */
export function hostActionApprovalKind(
  action: HostAction,
  body: HostActionRequest,
  provisioningState: string | undefined,
): ApprovalKind | undefined {
  if (action === 'remove-from-pool') return 'remove-from-pool';
  if (!isProvisioned(provisioningState)) return undefined;
  if (action === 'power-off') return 'power-off';
  if (action === 'reboot' && body.mode === 'hard') return 'hard-reboot';
  return undefined;
}

/** Whether a replica request shrinks a pool of `current` replicas. */
export function isScaleDown(request: ReplicaRequest, current: number): boolean {
  return 'to' in request ? request.to < current : request.by < 0;
}
