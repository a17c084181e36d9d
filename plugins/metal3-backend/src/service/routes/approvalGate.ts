import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  ApprovalKind,
  ApprovalParametersDto,
  ApprovalResponse,
  metal3ApprovalDecidePermission,
  ObjectRefDto,
} from '@metal3-fleet/plugin-metal3-common';
import { ApprovalViewer, toApprovalDto } from '../../approvals/approvalDto';
import { StoredApproval } from '../../approvals/approvalRows';
import { principalRef } from '../principalRef';
import { RouteContext } from './RouteContext';

/** A person signed in (not a service, not an anonymous caller). */
export function isUser(credentials: BackstageCredentials): boolean {
  return (credentials.principal as { type?: string }).type === 'user';
}

/** Who looks at approvals: their user ref, and whether the policy lets them decide. */
export async function approvalViewer(
  ctx: Pick<RouteContext, 'access'>,
  credentials: BackstageCredentials,
): Promise<ApprovalViewer> {
  const userRef = isUser(credentials) ? principalRef(credentials) : undefined;
  if (!userRef) return { mayDecide: false };
  try {
    await ctx.access.require(credentials, metal3ApprovalDecidePermission);
    return { userRef, mayDecide: true };
  } catch (error) {
    if (error instanceof NotAllowedError) return { userRef, mayDecide: false };
    throw error;
  }
}

/** The body that answers with one approval, as this viewer sees it. */
export function approvalBody(
  ctx: Pick<RouteContext, 'portalBaseUrl'>,
  approval: StoredApproval,
  viewer: ApprovalViewer,
): ApprovalResponse {
  return {
    approval: toApprovalDto(approval, {
      viewer,
      baseUrl: ctx.portalBaseUrl,
    }),
  };
}

/**
 * The REST routes' interception: when `metal3.approvals.required` lists
 * `kind`, the request becomes a pending approval (or joins the identical
 * open one) and the route answers 202 with it instead of running; undefined
 * when the operation may run at once. The caller's permission for the
 * operation was checked before.
 */
export async function requestApprovalIfRequired(
  ctx: Pick<RouteContext, 'access' | 'approvals' | 'portalBaseUrl'>,
  credentials: BackstageCredentials,
  input: {
    kind: ApprovalKind | undefined;
    target: ObjectRefDto;
    parameters: ApprovalParametersDto;
  },
): Promise<ApprovalResponse | undefined> {
  const { kind } = input;
  if (!kind || !ctx.approvals.requires(kind)) return undefined;
  const { approval } = await ctx.approvals.request({
    kind,
    target: input.target,
    parameters: input.parameters,
    via: 'api',
    requestedBy: principalRef(credentials),
  });
  return approvalBody(ctx, approval, await approvalViewer(ctx, credentials));
}
