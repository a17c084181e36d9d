import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  databasesUnderTest,
  freshDatabase,
  stopPostgres,
} from '../__testUtils__/testDatabases';
import { migrateToLatest } from '../database/migrateDatabase';
import { OperationStore } from '../database/OperationStore';
import { StoredOperation } from '../database/operationRows';
import {
  OperationContext,
  OperationLostError,
  OperationRecovery,
  OperationTracker,
  OperationWork,
} from './OperationTracker';

/**
 * Two replicas (two trackers) on one database. A "crashed" replica is one
 * whose work hangs and that never ticks again: it renews nothing, as a
 * killed process would; the other replica's tick takes its operations over.
 */
jest.setTimeout(60_000);

const LEASE_MS = 300;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
let hostCounter = 0;

/** A promise and its resolve, for work that waits on the test. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

afterAll(() => stopPostgres());

describe.each(databasesUnderTest('The operation tracker'))(
  'OperationTracker, two replicas on %s',
  kind => {
    let db: { knex: Knex; drop(): Promise<void> };
    const trackers: OperationTracker[] = [];

    beforeAll(async () => {
      db = await freshDatabase(kind);
      await migrateToLatest(db.knex);
    });

    afterAll(async () => {
      await Promise.all(trackers.map(t => t.stop()));
      await db?.drop();
    });

    function replica(
      name: string,
      options: { recover?: OperationRecovery; maxTakeovers?: number } = {},
    ) {
      const events: { eventId: string; outcome?: 'success' | 'fail' }[] = [];
      const tracker = new OperationTracker({
        store: new OperationStore(db.knex, { leaseMs: LEASE_MS }),
        logger: mockServices.logger.mock(),
        auditor: mockServices.auditor.mock({
          createEvent: async ({ eventId }) => {
            const event: (typeof events)[number] = { eventId };
            events.push(event);
            return {
              success: async () => {
                event.outcome = 'success';
              },
              fail: async () => {
                event.outcome = 'fail';
              },
            };
          },
        }),
        replica: name,
        recover: options.recover ?? (() => undefined),
        maxTakeovers: options.maxTakeovers,
      });
      trackers.push(tracker);
      return { tracker, events };
    }

    const target = () => ({
      cluster: 'kube-dc-mgmt',
      namespace: 'metal3',
      name: `worker-${++hostCounter}`,
    });
    const start = (
      tracker: OperationTracker,
      host: ReturnType<typeof target>,
      work: OperationWork,
    ) =>
      tracker.startOrJoin(
        {
          action: 'maintenance-on',
          target: host,
          startedBy: 'user:default/alice',
        },
        work,
      );

    async function until(
      tracker: OperationTracker,
      id: string,
      state: 'succeeded' | 'failed',
    ) {
      for (let i = 0; i < 200; i++) {
        const operation = await tracker.get(id);
        if (operation?.state === state) return operation;
        await sleep(25);
      }
      throw new Error(`operation ${id} did not become ${state}`);
    }

    /** Work that reports, checkpoints, then hangs until the test lets it go. */
    function hangingWork() {
      const release = deferred<string>();
      const reached = deferred<OperationContext>();
      const work: OperationWork = async ctx => {
        ctx.progress('Node n1 cordoned');
        await ctx.checkpoint({ node: 'n1', cordoned: true });
        reached.resolve(ctx);
        return release.promise;
      };
      return { work, reached: reached.promise, release: release.resolve };
    }

    it('an operation started on one replica is seen from the other, and a repeat there joins it', async () => {
      const a = replica('replica-a').tracker;
      const b = replica('replica-b').tracker;
      const host = target();
      const { work, reached, release } = hangingWork();
      const first = await start(a, host, work);
      expect(first.joined).toBe(false);
      await reached;

      const seen = await b.get(first.operation.id);
      expect(seen).toMatchObject({
        id: first.operation.id,
        action: 'maintenance-on',
        target: host,
        state: 'running',
      });
      expect(seen!.log.map(l => l.message)).toEqual([
        'Started by user:default/alice on replica replica-a',
        'Node n1 cordoned',
      ]);

      const repeat = await start(b, host, async () => 'a second drain');
      expect(repeat).toMatchObject({
        joined: true,
        operation: { id: first.operation.id },
      });

      release('worker is in maintenance');
      const done = await until(b, first.operation.id, 'succeeded');
      expect(done.result).toBe('worker is in maintenance');
      expect(done.log.map(l => l.message)).not.toContain('a second drain');
      // Ended: the next request starts a new operation.
      const next = await start(b, host, async () => 'again');
      expect(next.joined).toBe(false);
      expect(next.operation.id).not.toBe(first.operation.id);
    });

    it('a replica that stops renewing its lease (killed) loses the operation to one that resumes it from its checkpoint', async () => {
      const a = replica('replica-a').tracker;
      const resumedFrom: StoredOperation[] = [];
      const { tracker: b, events } = replica('replica-b', {
        recover: operation => async ctx => {
          resumedFrom.push(operation);
          ctx.progress(`Resuming: node ${operation.checkpoint.node} cordoned`);
          return 'worker is in maintenance';
        },
      });
      const host = target();
      const { work, reached } = hangingWork();
      const { operation } = await start(a, host, work);
      const contextOfA = await reached;

      // A never ticks again. Before its lease ends, B takes nothing.
      await b.tick();
      expect((await b.get(operation.id))!.state).toBe('running');
      await sleep(LEASE_MS + 100);
      await b.tick();

      const done = await until(b, operation.id, 'succeeded');
      expect(resumedFrom.map(op => op.checkpoint)).toEqual([
        { node: 'n1', cordoned: true },
      ]);
      const log = done.log.map(l => l.message);
      expect(log[0]).toBe('Started by user:default/alice on replica replica-a');
      expect(log[1]).toBe('Node n1 cordoned');
      expect(log[2]).toMatch(
        /^Replica replica-a stopped renewing its lease \(it ended \d{4}-.*Z\); replica replica-b takes it over$/,
      );
      expect(log.slice(3)).toEqual([
        'Resuming: node n1 cordoned',
        'worker is in maintenance',
      ]);
      expect(events).toEqual([
        { eventId: 'operation-takeover', outcome: 'success' },
      ]);

      // A wakes up (a long pause, not a death): its writes change nothing.
      contextOfA.progress('late line from replica-a');
      await sleep(100);
      expect(() => contextOfA.progress('another')).toThrow(OperationLostError);
      const after = await b.get(operation.id);
      expect(after).toEqual(done);
    });

    it('an action without a resume is marked failed with what it did last', async () => {
      const a = replica('replica-a').tracker;
      const { tracker: b, events } = replica('replica-b');
      const { work, reached } = hangingWork();
      const { operation } = await start(a, target(), work);
      await reached;
      await sleep(LEASE_MS + 100);
      await b.tick();
      const failed = await until(b, operation.id, 'failed');
      expect(failed.error).toMatch(
        /^Replica replica-a stopped renewing its lease \(it ended .*\); maintenance-on is not resumed by another replica\. Last progress: "Node n1 cordoned"$/,
      );
      expect(failed.log.at(-1)!.message).toBe(`Failed: ${failed.error}`);
      expect(events).toEqual([
        { eventId: 'operation-takeover', outcome: 'fail' },
      ]);
    });

    it('a replica shutting down hands its operations over: another resumes at its next tick, without waiting for the lease', async () => {
      const a = replica('replica-a').tracker;
      const b = replica('replica-b', {
        recover: () => async () => 'finished by replica-b',
      }).tracker;
      const { work, reached } = hangingWork();
      const { operation } = await start(a, target(), work);
      await reached;
      await a.stop();
      const handedOver = await b.get(operation.id);
      expect(handedOver!.log.at(-1)!.message).toBe(
        'Replica replica-a is shutting down; another replica takes the operation over',
      );
      await b.tick();
      const done = await until(b, operation.id, 'succeeded');
      expect(done.result).toBe('finished by replica-b');
      expect(done.log.map(l => l.message)).toContain(
        'Replica replica-a handed the operation over; replica replica-b takes it over',
      );
    });

    it('work that fails is recorded with its error, on every replica', async () => {
      const a = replica('replica-a').tracker;
      const b = replica('replica-b').tracker;
      const { operation } = await start(a, target(), async ctx => {
        ctx.progress('Evicting 3 pod(s) from n1');
        throw new Error(
          'Drain of n1 timed out with 1 pod(s) left: default/db-0',
        );
      });
      const failed = await until(b, operation.id, 'failed');
      expect(failed.error).toBe(
        'Drain of n1 timed out with 1 pod(s) left: default/db-0',
      );
      expect(failed.finishedAt).toEqual(expect.any(String));
    });

    it('an operation that keeps losing its replicas is not resumed again after the limit', async () => {
      const recover: OperationRecovery = () => async ctx => {
        ctx.progress('resuming');
        return new Promise<string>(() => {}); // dies with its replica, again
      };
      const a = replica('replica-a').tracker;
      const b = replica('replica-b', { recover, maxTakeovers: 1 }).tracker;
      const c = replica('replica-c', { recover, maxTakeovers: 1 }).tracker;
      const { work, reached } = hangingWork();
      const { operation } = await start(a, target(), work);
      await reached;
      await sleep(LEASE_MS + 100);
      await b.tick(); // takeover 1: resumed, then b "dies" (never ticks again)
      await sleep(LEASE_MS + 100);
      await c.tick(); // takeover 2: over the limit
      const failed = await until(c, operation.id, 'failed');
      expect(failed.error).toMatch(
        /^Replica replica-b stopped renewing its lease \(it ended .*\); not resumed again after 2 takeovers\. Last progress: "resuming"$/,
      );
    });
  },
);
