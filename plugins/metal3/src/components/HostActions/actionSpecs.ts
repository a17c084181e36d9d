import {
  HostSummaryDto,
  metal3HostManagePermission,
  metal3HostPowerPermission,
  metal3HostRemovePermission,
} from '@metal3-fleet/plugin-metal3-common';
import { HostAction, HostNodeDto } from '../../api';

/** The permission type the host actions use (all are host resource permissions). */
export type HostPermission = typeof metal3HostPowerPermission;

/** A host as the action specs need it: a fleet row or a host page's detail. */
export type ActionHost = Omit<HostSummaryDto, 'node'> & { node?: HostNodeDto };

/** One operation on one host, as the host page offers it. */
export interface ActionSpec {
  action: HostAction;
  label: string;
  body?: { mode: 'soft' | 'hard' };
  permission: HostPermission;
  /** What happens, in the words the confirmation shows. */
  impact(host: ActionHost): string;
  /** Offered in the host's current state. */
  applies(host: ActionHost): boolean;
}

/** "N pods" when the API says how many run on the node, else "every pod". */
export function podsOf(host: ActionHost): string {
  const count = host.node?.podCount;
  return count === undefined
    ? 'every pod on it'
    : `the ${count} pod${count === 1 ? '' : 's'} on it`;
}

const nodeImpact = (host: ActionHost) =>
  host.node
    ? ` Node ${host.node.name} and ${podsOf(host)}${
        host.pool ? ` (pool ${host.pool.name})` : ''
      } go down with it.`
    : '';

const provisioned = (h: ActionHost) =>
  h.provisioningState === 'provisioned' ||
  h.provisioningState === 'externally provisioned';

export const HOST_ACTION_SPECS: ActionSpec[] = [
  {
    action: 'power-on',
    label: 'Power on',
    permission: metal3HostPowerPermission,
    impact: h => `Sets ${h.name} online; Metal3 powers it on through its BMC.`,
    applies: h => h.online === false,
  },
  {
    action: 'power-off',
    label: 'Power off',
    permission: metal3HostPowerPermission,
    impact: h =>
      `Sets ${h.name} offline; Metal3 powers it off.${nodeImpact(h)}`,
    applies: h => h.online !== false,
  },
  {
    action: 'reboot',
    label: 'Reboot',
    body: { mode: 'soft' },
    permission: metal3HostPowerPermission,
    impact: h =>
      `Soft reboot of ${h.name} (ACPI shutdown, then power on).${nodeImpact(
        h,
      )}`,
    applies: provisioned,
  },
  {
    action: 'reboot',
    label: 'Hard reboot',
    body: { mode: 'hard' },
    permission: metal3HostPowerPermission,
    impact: h =>
      `Hard power cycle of ${h.name}, without a clean shutdown.${nodeImpact(
        h,
      )}`,
    applies: provisioned,
  },
  {
    action: 'inspect',
    label: 'Re-inspect',
    permission: metal3HostManagePermission,
    impact: h =>
      `Boots ${h.name} into the inspection ramdisk and refreshes its hardware inventory.`,
    applies: h => h.provisioningState === 'available',
  },
  {
    action: 'maintenance-on',
    label: 'Maintenance',
    permission: metal3HostManagePermission,
    impact: h =>
      `Cordons node ${h.node?.name} and evicts ${podsOf(
        h,
      )}; the host keeps running.`,
    applies: h => Boolean(h.node) && !h.node?.unschedulable,
  },
  {
    action: 'maintenance-off',
    label: 'End maintenance',
    permission: metal3HostManagePermission,
    impact: h => `Makes node ${h.node?.name} schedulable again.`,
    applies: h => Boolean(h.node?.unschedulable),
  },
  {
    action: 'remove-from-pool',
    label: 'Remove from pool',
    permission: metal3HostRemovePermission,
    impact: h =>
      `Marks machine ${h.machine} for deletion and scales pool ${
        h.pool?.name
      } down by one: this exact host is deprovisioned (cleaned) and returns to available.${nodeImpact(
        h,
      )}`,
    applies: h => Boolean(h.pool && h.machine),
  },
];

/** An operation on a selection of hosts, as the fleet page offers it. */
export interface BulkActionSpec {
  action: HostAction;
  label: string;
  permission: HostPermission;
  /** Hosts the action makes sense for; the others are skipped, and named. */
  eligible(host: ActionHost): boolean;
  /** Why a host is skipped, for the confirmation. */
  skipReason: string;
  /** What happens to the eligible hosts, in one sentence. */
  verb: string;
  /** Does it take the hosts' nodes (and their pods) down? */
  disruptsNodes: boolean;
}

export const BULK_ACTION_SPECS: BulkActionSpec[] = [
  {
    action: 'power-on',
    label: 'Power on',
    permission: metal3HostPowerPermission,
    // Idempotent: a host already on answers "unchanged".
    eligible: () => true,
    skipReason: '',
    verb: 'set online; Metal3 powers them on through their BMCs',
    disruptsNodes: false,
  },
  {
    action: 'power-off',
    label: 'Power off',
    permission: metal3HostPowerPermission,
    eligible: () => true,
    skipReason: '',
    verb: 'set offline; Metal3 powers them off',
    disruptsNodes: true,
  },
  {
    action: 'maintenance-on',
    label: 'Maintenance on',
    permission: metal3HostManagePermission,
    eligible: h => Boolean(h.node),
    skipReason: 'no node',
    verb: 'cordoned and drained; the hosts keep running',
    disruptsNodes: true,
  },
  {
    action: 'maintenance-off',
    label: 'Maintenance off',
    permission: metal3HostManagePermission,
    eligible: h => Boolean(h.node),
    skipReason: 'no node',
    verb: 'made schedulable again',
    disruptsNodes: false,
  },
  {
    action: 'remove-from-pool',
    label: 'Remove from pool',
    permission: metal3HostRemovePermission,
    eligible: h => Boolean(h.pool && h.machine),
    skipReason: 'not in a pool',
    verb: 'removed from their pools (each pool scales down by one per host; the hosts are deprovisioned and cleaned)',
    disruptsNodes: true,
  },
];
