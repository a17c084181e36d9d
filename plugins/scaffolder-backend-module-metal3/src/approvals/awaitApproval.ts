import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import {
  ApprovalDto,
  ApprovalKind,
  ApprovalParametersDto,
  ObjectRefDto,
} from '@metal3-fleet/plugin-metal3-common';
import { ApprovalsClient } from './ApprovalsClient';

/** How an action waits for approvals (absent: it never asks, e.g. in tests of the writes). */
export interface ApprovalGate {
  client: ApprovalsClient;
  /** How often the task looks at its request (default 5 s). */
  pollMs?: number;
}

/** What of the action context the wait needs. */
export type ApprovalTaskContext = Pick<
  ActionContext<any, any>,
  | 'logger'
  | 'task'
  | 'isDryRun'
  | 'signal'
  | 'getInitiatorCredentials'
  | 'checkpoint'
>;

/** An approved run this task holds: report how it ended. */
export interface ApprovedRun {
  approval: ApprovalDto;
  finish(outcome: 'succeeded' | 'failed', message: string): Promise<void>;
}

const REMIND_EVERY_MS = 60_000;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>(resolve => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });

/**
 * Asks the metal3 backend whether the operation needs a second person
 * (`metal3.approvals.required`); if it does, waits in the task until it is
 * decided or expires, then claims the run. The task waits rather than the
 * backend running the operation because the rest of the action (waiting for
 * the host's release, decommissioning, the rollout) belongs to the task and
 * its log. Runs once: the claim is one conditional update (approved →
 * running) that only this task's id can win, the request is kept in a
 * checkpoint (a retried step finds the same request), and a repeat of the
 * claim by the same task gets the same run, whose write is idempotent.
 *
 * Resolves undefined when the operation may go ahead without approval (dry
 * runs included); throws naming the decision when it was rejected, expired
 * or withdrawn; withdraws the request when the task is cancelled.
 */
export async function awaitApproval(
  ctx: ApprovalTaskContext,
  gate: ApprovalGate | undefined,
  operation: {
    kind: ApprovalKind;
    target: ObjectRefDto;
    parameters: ApprovalParametersDto;
  },
): Promise<ApprovedRun | undefined> {
  if (!gate || ctx.isDryRun) return undefined;
  const { client } = gate;
  const credentials = await ctx.getInitiatorCredentials();
  const { target } = operation;
  const asked = await ctx.checkpoint({
    key: `approval-${operation.kind}-${target.cluster}-${target.namespace}-${target.name}`,
    fn: async () => {
      const answer = await client.request(
        { ...operation, taskId: ctx.task.id },
        credentials,
      );
      return {
        required: answer.required,
        message: answer.message,
        id: answer.approval?.id ?? '',
      };
    },
  });
  if (!asked.required) return undefined;

  let approval = await client.get(asked.id, credentials);
  ctx.logger.info(
    `${approval.title} needs the approval of another person (metal3.approvals.required). Approvers decide at ${approval.link}. Impact: ${approval.impact.summary}. The request expires at ${approval.expiresAt}.`,
  );
  for (const warning of approval.impact.warnings) ctx.logger.warn(warning);
  let remindedAt = Date.now();
  while (approval.state === 'pending') {
    await sleep(gate.pollMs ?? 5000, ctx.signal);
    if (ctx.signal?.aborted) {
      const { id, expiresAt } = approval;
      await client
        .withdraw(id, credentials)
        .catch(error =>
          ctx.logger.warn(
            `Could not withdraw approval ${id}: ${error.message}; it expires at ${expiresAt}`,
          ),
        );
      throw new Error(
        `Cancelled while waiting for approval of ${approval.title}; the request was withdrawn and nothing was done`,
      );
    }
    approval = await client.get(approval.id, credentials);
    if (
      approval.state === 'pending' &&
      Date.now() - remindedAt >= REMIND_EVERY_MS
    ) {
      remindedAt = Date.now();
      ctx.logger.info(
        `Still waiting for approval of ${approval.title} (until ${approval.expiresAt}): ${approval.link}`,
      );
    }
  }
  return claim(ctx, client, credentials, approval);
}

async function claim(
  ctx: ApprovalTaskContext,
  client: ApprovalsClient,
  credentials: BackstageCredentials,
  approval: ApprovalDto,
): Promise<ApprovedRun> {
  const decision = `${approval.title} was ${approval.state}${
    approval.decidedBy ? ` by ${approval.decidedBy}` : ''
  }${approval.comment ? `: ${approval.comment}` : ''}`;
  switch (approval.state) {
    case 'rejected':
      throw new NotAllowedError(`${decision}. Nothing was done`);
    case 'expired':
      throw new Error(
        `${approval.title} expired at ${approval.expiresAt} without a decision. Nothing was done`,
      );
    case 'withdrawn':
      throw new Error(`${approval.title} was withdrawn. Nothing was done`);
    case 'approved':
    case 'running': {
      const running = await client.start(approval.id, ctx.task.id, credentials);
      ctx.logger.info(
        `${approval.title} approved by ${running.decidedBy}; running it`,
      );
      let finished = false;
      return {
        approval: running,
        // Once: a failure after the write (a wait that times out) does not
        // overwrite the outcome of the write itself.
        finish: async (outcome, message) => {
          if (finished) return;
          finished = true;
          await client
            .finish(
              approval.id,
              { taskId: ctx.task.id, outcome, message },
              credentials,
            )
            .catch(error =>
              ctx.logger.warn(
                `Could not record the outcome of approval ${approval.id}: ${error.message}`,
              ),
            );
        },
      };
    }
    default:
      // succeeded or failed: a retried step whose run this task finished
      // already. The write is idempotent; nothing more to record.
      ctx.logger.info(
        `${approval.title} was approved by ${approval.decidedBy} and ran (${approval.state}) in this task already`,
      );
      return { approval, finish: async () => {} };
  }
}

/** What the action's audit record says of the approval it ran under. */
export function approvalAuditMeta(
  approved: ApprovedRun | undefined,
): Record<string, string> {
  if (!approved) return {};
  const { id, requestedBy, decidedBy } = approved.approval;
  return {
    approval: id,
    requestedBy,
    ...(decidedBy && { approvedBy: decidedBy }),
  };
}
