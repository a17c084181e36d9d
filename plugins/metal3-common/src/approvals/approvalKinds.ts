/**
 * The operations that can be made to wait for a second person
 * (`metal3.approvals.required`), by their documented names.
 *
 * - `power-off`: powering off a provisioned host (its node goes down);
 * - `hard-reboot`: a hard power cycle of a provisioned host;
 * - `remove-from-pool`: a host leaving its pool (REST and `metal3:host:remove`);
 * - `scale-down`: a pool to fewer replicas (REST and `metal3:pool:scale`);
 * - `pool-upgrade`: a pool rolled to a new image or version
 *   (`metal3:pool:upgrade`).
 *
 * @public
 */
export const APPROVAL_KINDS = [
  'power-off',
  'hard-reboot',
  'remove-from-pool',
  'scale-down',
  'pool-upgrade',
] as const;

/** One of {@link APPROVAL_KINDS}. @public */
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** What an approval is about: a BareMetalHost or a worker pool. @public */
export type ApprovalTargetType = 'host' | 'pool';

const HOST_KINDS: readonly ApprovalKind[] = [
  'power-off',
  'hard-reboot',
  'remove-from-pool',
];

/** The kind of object an approval of `kind` names. @public */
export function approvalTargetType(kind: ApprovalKind): ApprovalTargetType {
  return HOST_KINDS.includes(kind) ? 'host' : 'pool';
}

/** True for the documented names of {@link APPROVAL_KINDS}. @public */
export function isApprovalKind(value: unknown): value is ApprovalKind {
  return (APPROVAL_KINDS as readonly unknown[]).includes(value);
}

/** Words for people: "Power off", "Scale down". @public */
export const APPROVAL_KIND_TITLES: Record<ApprovalKind, string> = {
  'power-off': 'Power off',
  'hard-reboot': 'Hard reboot',
  'remove-from-pool': 'Remove from pool',
  'scale-down': 'Scale down',
  'pool-upgrade': 'Upgrade pool',
};
