import {
  APPROVAL_KIND_TITLES,
  ApprovalDto,
  ApprovalKind,
  ApprovalParametersDto,
  ApprovalViewerDto,
  ObjectRefDto,
} from '@metal3-fleet/plugin-metal3-common';
import { StoredApproval } from './approvalRows';

/** Who looks at an approval: their entity ref (users only) and whether the policy lets them decide. */
export interface ApprovalViewer {
  userRef?: string;
  mayDecide: boolean;
}

/** "Scale down kube-dc-workers to 1", "Power off worker-3". */
export function approvalTitle(
  kind: ApprovalKind,
  target: ObjectRefDto,
  parameters: ApprovalParametersDto,
): string {
  const title = `${APPROVAL_KIND_TITLES[kind]} ${target.name}`;
  if (kind === 'scale-down') {
    if (parameters.replicas !== undefined)
      return `${title} to ${parameters.replicas}`;
    if (parameters.delta !== undefined)
      return `${title} by ${Math.abs(parameters.delta)}`;
  }
  return title;
}

/**
 * Whether this viewer may decide, and if not, why, in words the approvals
 * page shows beside its disabled buttons.
 */
export function viewerOf(
  approval: StoredApproval,
  viewer: ApprovalViewer,
): ApprovalViewerDto {
  if (approval.state !== 'pending') {
    return { mayDecide: false, reason: `It is ${approval.state} already` };
  }
  if (!viewer.userRef) {
    return {
      mayDecide: false,
      reason: 'Approvals are decided by people who signed in',
    };
  }
  if (viewer.userRef === approval.requestedBy) {
    return {
      mayDecide: false,
      reason:
        'You requested it: another person with metal3.approval.decide must decide',
    };
  }
  if (!viewer.mayDecide) {
    return {
      mayDecide: false,
      reason: 'Deciding needs the permission metal3.approval.decide',
    };
  }
  return { mayDecide: true };
}

/** The wire shape of an approval for one viewer. */
export function toApprovalDto(
  approval: StoredApproval,
  options: { viewer: ApprovalViewer; baseUrl: string },
): ApprovalDto {
  return {
    id: approval.id,
    kind: approval.kind,
    title: approval.title,
    targetType: approval.targetType,
    target: approval.target,
    parameters: approval.parameters,
    requestedBy: approval.requestedBy,
    requestedAt: approval.requestedAt,
    expiresAt: new Date(approval.expiresAt).toISOString(),
    via: approval.via,
    ...(approval.taskId && { taskId: approval.taskId }),
    impact: approval.impact,
    state: approval.state,
    ...(approval.decidedBy && { decidedBy: approval.decidedBy }),
    ...(approval.decidedAt && { decidedAt: approval.decidedAt }),
    ...(approval.comment && { comment: approval.comment }),
    ...(approval.startedAt && { startedAt: approval.startedAt }),
    ...(approval.finishedAt && { finishedAt: approval.finishedAt }),
    ...(approval.result !== undefined && { result: approval.result }),
    ...(approval.error !== undefined && { error: approval.error }),
    link: approvalLink(options.baseUrl, approval.id),
    viewer: viewerOf(approval, options.viewer),
  };
}

/** The approval's page in the portal (the frontend's route /metal3/approvals/:id). */
export function approvalLink(baseUrl: string, id: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/metal3/approvals/${encodeURIComponent(
    id,
  )}`;
}

/**
 * Why a decision or a claim found the request no longer pending (or no
 * longer approved): "approved by user:default/ada at …", for a 409.
 */
export function describeOutcome(
  approval: StoredApproval,
  nowMs: number,
): string {
  const what = `${approval.title} (${approval.id})`;
  const by = (who?: string, at?: string) =>
    `${who ? ` by ${who}` : ''}${at ? ` at ${at}` : ''}`;
  switch (approval.state) {
    case 'pending':
      return approval.expiresAt <= nowMs
        ? `${what} expired at ${new Date(
            approval.expiresAt,
          ).toISOString()} without a decision`
        : `${what} is still pending`;
    case 'approved':
    case 'running':
    case 'succeeded':
    case 'failed':
      return `${what} was already approved${by(
        approval.decidedBy,
        approval.decidedAt,
      )} and is ${approval.state}`;
    case 'rejected':
      return `${what} was already rejected${by(
        approval.decidedBy,
        approval.decidedAt,
      )}${approval.comment ? `: ${approval.comment}` : ''}`;
    case 'expired':
      return `${what} expired at ${new Date(
        approval.expiresAt,
      ).toISOString()} without a decision`;
    case 'withdrawn':
      return `${what} was withdrawn by ${approval.requestedBy}`;
    default:
      return `${what} is ${approval.state}`;
  }
}
