import {
  ApprovalDto,
  ApprovalState,
  ImpactMachineDto,
} from '@metal3-fleet/plugin-metal3-common';

/** A time as approvers compare it across time zones: `2026-12-01 14:05 UTC`. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Words for each state, as a chip shows it. */
export const STATE_LABELS: Record<ApprovalState, string> = {
  pending: 'waiting for approval',
  approved: 'approved, starting',
  running: 'running',
  succeeded: 'done',
  failed: 'failed',
  rejected: 'rejected',
  expired: 'expired',
  withdrawn: 'withdrawn',
};

/** Why Cluster API deletes a machine first, in an approver's words. */
export const WHY_LABELS: Record<ImpactMachineDto['why'], string> = {
  deleting: 'already being deleted',
  marked: 'marked for deletion (delete-machine)',
  unhealthy: 'unhealthy (no Ready node)',
  newest: 'newest (deletion order Newest)',
  oldest: 'oldest (deletion order Oldest)',
  candidate: 'may be picked (deletion order Random)',
};

/** What the decision led to, in one line, once there is one. */
export function outcomeLine(approval: ApprovalDto): string | undefined {
  const by = approval.decidedBy ? ` by ${approval.decidedBy}` : '';
  const at = approval.decidedAt ? ` at ${formatTime(approval.decidedAt)}` : '';
  switch (approval.state) {
    case 'approved':
      return `Approved${by}${at}${
        approval.via === 'task'
          ? `; task ${approval.taskId} runs it`
          : '; starting'
      }`;
    case 'running':
      return `Approved${by}${at}; running`;
    case 'succeeded':
      return `Approved${by}${at}; done: ${approval.result ?? ''}`;
    case 'failed':
      return `${approval.decidedBy ? `Approved${by}${at}; ` : ''}failed: ${
        approval.error ?? ''
      }`;
    case 'rejected':
      return `Rejected${by}${at}${
        approval.comment ? `: ${approval.comment}` : ''
      }`;
    case 'expired':
      return `Expired at ${formatTime(
        approval.expiresAt,
      )} without a decision: nothing ran`;
    case 'withdrawn':
      return `Withdrawn by ${approval.requestedBy}: nothing ran`;
    default:
      return undefined;
  }
}
