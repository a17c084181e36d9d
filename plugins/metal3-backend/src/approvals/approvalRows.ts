import {
  ApprovalImpactDto,
  ApprovalKind,
  ApprovalParametersDto,
  ApprovalState,
  ApprovalTargetType,
  ObjectRefDto,
} from '@metal3-fleet/plugin-metal3-common';

/** What the database keeps of an approval, and its row shape. */
export interface StoredApproval {
  id: string;
  kind: ApprovalKind;
  targetType: ApprovalTargetType;
  target: ObjectRefDto;
  parameters: ApprovalParametersDto;
  title: string;
  via: 'api' | 'task';
  taskId?: string;
  state: ApprovalState;
  requestedBy: string;
  requestedAt: string;
  /** Epoch ms of the database's clock. */
  expiresAt: number;
  impact: ApprovalImpactDto;
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
  /** The replica (api) or `task:<id>` that runs it. */
  runner?: string;
  startedAt?: string;
  finishedAt?: string;
  result?: string;
  error?: string;
}

export interface ApprovalRow {
  id: string;
  kind: string;
  target_type: string;
  cluster: string;
  namespace: string;
  name: string;
  parameters: string;
  title: string;
  via: string;
  task_id: string | null;
  open_claim: string | null;
  state: string;
  requested_by: string;
  requested_at: string;
  // PostgreSQL hands BIGINT back as a string.
  expires_at: number | string;
  impact: string;
  decided_by: string | null;
  decided_at: string | null;
  comment: string | null;
  runner: string | null;
  started_at: string | null;
  finished_at: string | null;
  result: string | null;
  error: string | null;
}

/** States in which a request still holds its object's open claim. */
export const OPEN_STATES: ApprovalState[] = ['pending', 'approved', 'running'];

/**
 * The unique claim of an open request: one open request per operation and
 * object, whoever asked and on whichever replica.
 */
export function openClaimOf(kind: ApprovalKind, target: ObjectRefDto): string {
  return `${kind} ${target.cluster}/${target.namespace}/${target.name}`;
}

function parseObject<T>(text: string, fallback: T): T {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? value
      : fallback;
  } catch {
    return fallback;
  }
}

const orUndefined = <T>(value: T | null): T | undefined => value ?? undefined;

export function approvalFromRow(row: ApprovalRow): StoredApproval {
  return {
    id: row.id,
    kind: row.kind as ApprovalKind,
    targetType: row.target_type as ApprovalTargetType,
    target: { cluster: row.cluster, namespace: row.namespace, name: row.name },
    parameters: parseObject(row.parameters, {}),
    title: row.title,
    via: row.via as 'api' | 'task',
    taskId: orUndefined(row.task_id),
    state: row.state as ApprovalState,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    expiresAt: Number(row.expires_at),
    impact: parseObject<ApprovalImpactDto>(row.impact, {
      summary: 'unknown',
      warnings: ['The recorded impact could not be read'],
    }),
    decidedBy: orUndefined(row.decided_by),
    decidedAt: orUndefined(row.decided_at),
    comment: orUndefined(row.comment),
    runner: orUndefined(row.runner),
    startedAt: orUndefined(row.started_at),
    finishedAt: orUndefined(row.finished_at),
    result: orUndefined(row.result),
    error: orUndefined(row.error),
  };
}
