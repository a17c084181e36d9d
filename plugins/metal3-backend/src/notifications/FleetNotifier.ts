import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { OperationStore } from '../database/OperationStore';
import { FleetEventDetector } from '../fleetEvents/FleetEventDetector';
import { FleetLease } from '../fleetEvents/FleetLease';
import { FleetCondition } from '../fleetEvents/types';
import { NotificationSettings } from './notificationSettings';
import { NotificationStore } from './NotificationStore';
import {
  conditionNotification,
  FinishedOperation,
  operationNotification,
} from './payloads';

export interface FleetNotifierOptions {
  detector: FleetEventDetector;
  lease: FleetLease;
  store: NotificationStore;
  operations: Pick<OperationStore, 'finishedSince'>;
  notifications: NotificationService;
  settings: NotificationSettings;
  logger: LoggerService;
  /** How often the lease is renewed and the fleet compared (default a third of the lease, at most 10 s). */
  tickMs?: number;
}

/** Finished operations older than this when first seen are not announced any more. */
const OPERATION_WINDOW_MS = 60 * 60_000;
/** One-shot claims are kept a little longer than finished operations (7 days by default). */
const CLAIM_KEEP_MS = 8 * 24 * 60 * 60_000;

/**
 * Sends the fleet's notifications, once across the replicas: the replica
 * holding the `notifier` lease compares the conditions in force (the
 * detector's) with the ones the database says were acted on, per cluster,
 * and records the differences in one transaction that confirms the lease:
 * a new condition is inserted (the claim of its "entered" edge, unique by
 * key), a cleared one deleted. Only after that commit does it send, and it
 * marks the row sent afterwards; a send that fails is retried at the next
 * pass, and a retry that repeats a sent one only updates it (same scope).
 *
 * The first look at a cluster records what is in force without notifying
 * (a new portal does not announce every old error); a new lease holder
 * catches up on what changed while the lease moved.
 */
export class FleetNotifier {
  readonly #options: FleetNotifierOptions;
  readonly #tickMs: number;
  /** Keys whose failed send was logged: a broken notifications backend is said once per condition. */
  readonly #failing = new Set<string>();
  #timer?: NodeJS.Timeout;
  #soon?: NodeJS.Timeout;
  #unsubscribe?: () => void;
  #running?: Promise<void>;
  #again = false;
  #lastPurge = 0;

  constructor(options: FleetNotifierOptions) {
    this.#options = options;
    this.#tickMs =
      options.tickMs ?? Math.min(options.lease.leaseMs / 3, 10_000);
  }

  start(): void {
    this.#unsubscribe = this.#options.detector.onEvent(() => {
      // Events only say "look now": what is sent is decided by comparing
      // with the database, whichever replica saw the change first.
      if (!this.#options.lease.held() || this.#soon) return;
      this.#soon = setTimeout(() => {
        this.#soon = undefined;
        void this.pass();
      }, 200);
      this.#soon.unref();
    });
    this.#timer = setInterval(() => void this.pass(), this.#tickMs);
    this.#timer.unref();
    void this.pass();
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    clearInterval(this.#timer);
    clearTimeout(this.#soon);
    await this.#running?.catch(() => undefined);
    await this.#options.lease.release().catch(() => undefined);
  }

  /** One pass: hold the lease, then compare and send. Passes never overlap. */
  pass(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await this.#passOnce();
        } while (this.#again);
      } catch (error) {
        this.#options.logger.warn(
          `Fleet notifications: ${
            (error as Error)?.message ?? error
          }; retrying in ${Math.round(this.#tickMs / 1000)} s`,
        );
      } finally {
        this.#running = undefined;
      }
    })();
    return this.#running;
  }

  async #passOnce(): Promise<void> {
    if (!(await this.#options.lease.hold())) return;
    const { detector } = this.#options;
    for (const cluster of detector.clusterNames()) {
      if (detector.isSynced(cluster)) await this.#passCluster(cluster);
    }
    await this.#passOperations();
    if (Date.now() - this.#lastPurge > 60 * 60_000) {
      this.#lastPurge = Date.now();
      await this.#options.store.purgeClaims(
        new Date(Date.now() - CLAIM_KEEP_MS).toISOString(),
      );
    }
  }

  async #passCluster(cluster: string): Promise<void> {
    const { detector, lease, store, settings } = this.#options;
    const current = new Map(
      detector.conditions(cluster).map(c => [c.key, c] as const),
    );
    const recorded = await lease.asHolder(async tx => {
      const known = await store.conditionsOf(cluster, tx);
      const scope = `cluster:${cluster}`;
      const firstLook = !(await store.baselineOf(scope, tx));
      const entered = [...current.values()].filter(c => !known.has(c.key));
      const cleared = [...known.keys()].filter(key => !current.has(key));
      const silent = (c: FleetCondition) =>
        firstLook || !settings.enabled[c.kind];
      await store.record(tx, {
        entered: entered.filter(silent),
        notified: true,
        cleared,
      });
      await store.record(tx, {
        entered: entered.filter(c => !silent(c)),
        notified: false,
        cleared: [],
      });
      if (firstLook) await store.recordBaseline(scope, tx);
      return store.conditionsOf(cluster, tx);
    });
    if (!recorded) return;
    for (const row of recorded.values()) {
      const condition = current.get(row.key);
      if (row.notifiedAt || !condition) continue;
      await this.#send(row.key, async () => {
        await this.#options.notifications.send(
          conditionNotification(condition, settings),
        );
        await store.markNotified(row.key);
      });
    }
  }

  async #passOperations(): Promise<void> {
    const { lease, store, settings, operations } = this.#options;
    const baseline = await lease.asHolder(
      async tx =>
        (await store.baselineOf('operations', tx)) ??
        store.recordBaseline('operations', tx),
    );
    if (!baseline || !settings.enabled.operationFinished) return;
    const windowStart = new Date(
      Date.now() - OPERATION_WINDOW_MS,
    ).toISOString();
    const since = baseline > windowStart ? baseline : windowStart;
    const finished = (await operations.finishedSince(since, 200)).filter(
      op =>
        (op.state === 'succeeded' || op.state === 'failed') &&
        op.startedBy.startsWith('user:'),
    );
    const keyOf = (id: string) => `operation ${id}`;
    const claimed = await store.claimed(finished.map(op => keyOf(op.id)));
    for (const op of finished) {
      const key = keyOf(op.id);
      if (claimed.has(key) || !(await store.claimOnce(key))) continue;
      const sent = await this.#send(key, () =>
        this.#options.notifications.send(
          operationNotification(op as FinishedOperation, settings),
        ),
      );
      // Given back so the next pass tries again (a crash in between loses
      // it rather than sending it twice).
      if (!sent) await store.unclaim(key);
    }
  }

  async #send(key: string, send: () => Promise<void>): Promise<boolean> {
    try {
      await send();
      this.#failing.delete(key);
      return true;
    } catch (error) {
      if (this.#failing.has(key)) return false;
      this.#failing.add(key);
      this.#options.logger.warn(
        `Could not send the notification of ${key}: ${
          (error as Error)?.message ?? error
        }; retrying while it lasts`,
      );
      return false;
    }
  }
}
