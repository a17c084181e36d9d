/** What the database keeps of a long host operation, and its row shapes. */

export type OperationState = 'running' | 'succeeded' | 'failed';

export interface OperationTarget {
  cluster: string;
  namespace: string;
  name: string;
}

export interface OperationLogLine {
  at: string;
  message: string;
}

/** Facts a resume needs, written by the operation as it goes (JSON). */
export type OperationCheckpoint = Record<string, unknown>;

export interface StoredOperation {
  id: string;
  action: string;
  target: OperationTarget;
  state: OperationState;
  /** The user (or service) whose request started it. */
  startedBy: string;
  startedAt: string;
  finishedAt?: string;
  result?: string;
  error?: string;
  checkpoint: OperationCheckpoint;
  /** The replica holding the lease (the one running it, or the last one that did). */
  runner?: string;
  /** When the runner's lease ends, epoch ms of the database's clock. */
  leaseExpiresAt?: number;
  /** How often another replica took it over. */
  takeovers: number;
  log: OperationLogLine[];
}

/** The right of one replica to run one operation: valid while its generation is the stored one. */
export interface OperationLease {
  id: string;
  runner: string;
  generation: number;
}

export interface OperationRow {
  id: string;
  action: string;
  cluster: string;
  namespace: string;
  name: string;
  claim: string | null;
  state: string;
  started_by: string;
  started_at: string;
  finished_at: string | null;
  result: string | null;
  error: string | null;
  checkpoint: string | null;
  runner: string | null;
  lease_generation: number | string;
  // PostgreSQL hands BIGINT back as a string.
  lease_expires_at: number | string | null;
  takeovers: number | string;
}

/**
 * The unique claim of a running operation: one running `action` per host,
 * whichever replica started it.
 */
export function claimOf(action: string, target: OperationTarget): string {
  return `${action} ${target.cluster}/${target.namespace}/${target.name}`;
}

function parseCheckpoint(text: string | null): OperationCheckpoint {
  if (!text) return {};
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? value
      : {};
  } catch {
    return {};
  }
}

const orUndefined = <T>(value: T | null): T | undefined => value ?? undefined;

export function operationFromRows(
  row: OperationRow,
  log: OperationLogLine[],
): StoredOperation {
  return {
    id: row.id,
    action: row.action,
    target: { cluster: row.cluster, namespace: row.namespace, name: row.name },
    state: row.state as OperationState,
    startedBy: row.started_by,
    startedAt: row.started_at,
    finishedAt: orUndefined(row.finished_at),
    result: orUndefined(row.result),
    error: orUndefined(row.error),
    checkpoint: parseCheckpoint(row.checkpoint),
    runner: orUndefined(row.runner),
    leaseExpiresAt:
      row.lease_expires_at === null ? undefined : Number(row.lease_expires_at),
    takeovers: Number(row.takeovers),
    log,
  };
}
