import { randomUUID } from 'node:crypto';

/** A long host operation (maintenance drains) followed by the UI. */
export interface TrackedOperation {
  id: string;
  action: string;
  target: { cluster: string; namespace: string; name: string };
  state: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt?: string;
  log: { at: string; message: string }[];
  result?: string;
  error?: string;
}

/** Keeps the latest operations in memory; finished ones expire after an hour. */
export class OperationTracker {
  readonly #operations = new Map<string, TrackedOperation>();
  readonly #ttlMs: number;

  constructor(options: { ttlMs?: number } = {}) {
    this.#ttlMs = options.ttlMs ?? 60 * 60_000;
  }

  /**
   * Starts `work` as a tracked operation, or joins the one already running
   * for the same action on the same target: a second "maintenance on" while
   * the node drains gets the running drain's id, not a second drain. The
   * check and the registration happen in one synchronous step, so two
   * requests of this process cannot both start one.
   */
  startOrJoin(
    action: string,
    target: TrackedOperation['target'],
    work: (progress: (message: string) => void) => Promise<string>,
  ): { operation: TrackedOperation; joined: boolean } {
    const running = [...this.#operations.values()].find(
      op =>
        op.state === 'running' &&
        op.action === action &&
        op.target.cluster === target.cluster &&
        op.target.namespace === target.namespace &&
        op.target.name === target.name,
    );
    if (running) return { operation: running, joined: true };
    return { operation: this.start(action, target, work), joined: false };
  }

  start(
    action: string,
    target: TrackedOperation['target'],
    work: (progress: (message: string) => void) => Promise<string>,
  ): TrackedOperation {
    this.#expire();
    const operation: TrackedOperation = {
      id: randomUUID(),
      action,
      target,
      state: 'running',
      startedAt: new Date().toISOString(),
      log: [],
    };
    this.#operations.set(operation.id, operation);
    const progress = (message: string) =>
      operation.log.push({ at: new Date().toISOString(), message });
    work(progress).then(
      result => {
        operation.state = 'succeeded';
        operation.result = result;
        operation.finishedAt = new Date().toISOString();
      },
      error => {
        operation.state = 'failed';
        operation.error =
          error instanceof Error ? error.message : String(error);
        operation.finishedAt = new Date().toISOString();
      },
    );
    return operation;
  }

  get(id: string): TrackedOperation | undefined {
    return this.#operations.get(id);
  }

  #expire(): void {
    const cutoff = Date.now() - this.#ttlMs;
    for (const [id, op] of this.#operations) {
      if (op.finishedAt && Date.parse(op.finishedAt) < cutoff)
        this.#operations.delete(id);
    }
  }
}
