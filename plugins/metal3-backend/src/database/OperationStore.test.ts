import { Knex } from 'knex';
import {
  databasesUnderTest,
  freshDatabase,
  stopPostgres,
} from '../__testUtils__/testDatabases';
import { databaseNowMs } from './databaseClock';
import { migrateToLatest, migrationsDirectory } from './migrateDatabase';
import { NewOperation, OperationStore } from './OperationStore';

/**
 * The operations table as replicas share it, on SQLite (development) and
 * PostgreSQL (production): one running operation per action and host,
 * writes only under the lease, one taker per expired lease.
 */
jest.setTimeout(60_000);

const LEASE_MS = 400;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
let hostCounter = 0;

function newOperation(runner: string, name?: string): NewOperation {
  return {
    action: 'maintenance-on',
    target: {
      cluster: 'kube-dc-mgmt',
      namespace: 'metal3',
      name: name ?? `worker-${++hostCounter}`,
    },
    startedBy: 'user:default/alice',
    runner,
    message: `Started by user:default/alice on replica ${runner}`,
  };
}

async function started(store: OperationStore, input: NewOperation) {
  const result = await store.startOrFind(input);
  if (!('lease' in result)) throw new Error('expected a new operation');
  return result.lease;
}

afterAll(() => stopPostgres());

describe.each(databasesUnderTest('The operations table'))(
  'OperationStore on %s',
  kind => {
    let db: { knex: Knex; drop(): Promise<void> };
    let store: OperationStore;

    beforeAll(async () => {
      db = await freshDatabase(kind);
      await migrateToLatest(db.knex);
      store = new OperationStore(db.knex, { leaseMs: LEASE_MS });
    });

    afterAll(async () => {
      await db?.drop();
    });

    it('migrates down and up again', async () => {
      const directory = migrationsDirectory();
      await db.knex.migrate.rollback({ directory }, true);
      expect(await db.knex.schema.hasTable('metal3_operations')).toBe(false);
      expect(await db.knex.schema.hasTable('metal3_operation_log')).toBe(false);
      await migrateToLatest(db.knex);
      expect(await db.knex.schema.hasTable('metal3_operations')).toBe(true);
      expect(await db.knex.schema.hasTable('metal3_operation_log')).toBe(true);
    });

    it('reads the time from the database clock', async () => {
      const [row] = await db.knex.select(
        db.knex.raw('? as t', [databaseNowMs(db.knex, 1000)]),
      );
      expect(Math.abs(Number(row.t) - 1000 - Date.now())).toBeLessThan(5000);
    });

    it('10 concurrent starts on 10 replicas make one operation; the other 9 join it', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.startOrFind(newOperation(`replica-${i}`, 'worker-race')),
        ),
      );
      const leases = results.flatMap(r => ('lease' in r ? [r.lease] : []));
      const joined = results.flatMap(r => ('running' in r ? [r.running] : []));
      expect(leases).toHaveLength(1);
      expect(joined).toHaveLength(9);
      expect(new Set(joined.map(op => op.id))).toEqual(new Set([leases[0].id]));
      const operation = await store.get(leases[0].id);
      expect(operation).toMatchObject({
        state: 'running',
        startedBy: 'user:default/alice',
        runner: leases[0].runner,
        takeovers: 0,
        log: [
          {
            message: `Started by user:default/alice on replica ${leases[0].runner}`,
          },
        ],
      });
    });

    it('a finished operation frees its host: the next start is a new operation', async () => {
      const first = await started(store, newOperation('a', 'worker-again'));
      expect(
        await store.finish(
          first,
          { state: 'succeeded', result: 'done' },
          'worker-again is in maintenance',
        ),
      ).toBe(true);
      const second = await started(store, newOperation('b', 'worker-again'));
      expect(second.id).not.toBe(first.id);
      expect(await store.get(first.id)).toMatchObject({
        state: 'succeeded',
        result: 'done',
        log: [
          { message: expect.stringContaining('Started by') },
          { message: 'worker-again is in maintenance' },
        ],
      });
      expect((await store.get(first.id))!.finishedAt).toEqual(
        expect.any(String),
      );
    });

    it('keeps the log in order and merges checkpoints', async () => {
      const lease = await started(store, newOperation('a'));
      for (const line of ['one', 'two', 'three'])
        expect(await store.appendLog(lease, line)).toBe(true);
      expect(await store.saveCheckpoint(lease, { node: 'n1', pods: 7 })).toBe(
        true,
      );
      expect(await store.saveCheckpoint(lease, { cordoned: true })).toBe(true);
      const operation = await store.get(lease.id);
      expect(operation!.log.map(l => l.message).slice(1)).toEqual([
        'one',
        'two',
        'three',
      ]);
      expect(operation!.checkpoint).toEqual({
        node: 'n1',
        pods: 7,
        cordoned: true,
      });
    });

    it('a renewed lease is not taken over; an expired one is, and then the old runner writes nothing', async () => {
      const lease = await started(store, newOperation('a'));
      await sleep(LEASE_MS / 2);
      expect(await store.renew([lease])).toEqual([]);
      await sleep(LEASE_MS / 2 + 50);
      // Renewed half-way: still held.
      expect(
        (await store.takeOverExpired('b')).filter(t => t.lease.id === lease.id),
      ).toEqual([]);
      await sleep(LEASE_MS);
      const taken = (await store.takeOverExpired('b')).find(
        t => t.lease.id === lease.id,
      );
      expect(taken).toMatchObject({
        lease: { id: lease.id, runner: 'b', generation: 2 },
        previousRunner: 'a',
        operation: { runner: 'b', takeovers: 1 },
      });
      expect(taken!.previousLeaseExpiredAt).toBeGreaterThan(0);

      // The old runner: no line, no checkpoint, no end, no renewal.
      expect(await store.appendLog(lease, 'late line')).toBe(false);
      expect(await store.saveCheckpoint(lease, { late: true })).toBe(false);
      expect(
        await store.finish(
          lease,
          { state: 'failed', error: 'late' },
          'late failure',
        ),
      ).toBe(false);
      expect(await store.renew([lease])).toEqual([lease]);
      // The new one writes.
      expect(await store.appendLog(taken!.lease, 'resumed')).toBe(true);
      const operation = await store.get(lease.id);
      expect(operation!.state).toBe('running');
      expect(operation!.checkpoint).toEqual({});
      expect(operation!.log.map(l => l.message)).not.toContain('late line');
      expect(operation!.log.at(-1)!.message).toBe('resumed');
    });

    it('a replica that takes its own operation over (its renewals failed past the lease) starts a new generation: the old run writes nothing', async () => {
      const old = await started(store, newOperation('a'));
      await sleep(LEASE_MS + 100);
      const taken = (await store.takeOverExpired('a')).find(
        t => t.lease.id === old.id,
      );
      expect(taken!.lease).toEqual({ id: old.id, runner: 'a', generation: 2 });
      expect(await store.appendLog(old, 'from the old run')).toBe(false);
      expect(await store.renew([old])).toEqual([old]);
      expect(await store.appendLog(taken!.lease, 'from the new run')).toBe(
        true,
      );
      expect((await store.get(old.id))!.log.map(l => l.message)).toEqual([
        'Started by user:default/alice on replica a',
        'from the new run',
      ]);
    });

    it('of 4 replicas sweeping at once, exactly one takes each expired operation', async () => {
      const leases = await Promise.all(
        Array.from({ length: 5 }, () => started(store, newOperation('dead'))),
      );
      await sleep(LEASE_MS + 100);
      const sweeps = await Promise.all(
        ['s1', 's2', 's3', 's4'].map(runner => store.takeOverExpired(runner)),
      );
      const ids = new Set(leases.map(l => l.id));
      const taken = sweeps.flat().filter(t => ids.has(t.lease.id));
      expect(taken.map(t => t.lease.id).sort()).toEqual([...ids].sort());
      for (const t of taken) {
        expect((await store.get(t.lease.id))!.runner).toBe(t.lease.runner);
      }
    });

    it('an operation handed over at shutdown is taken over at once, not after its lease', async () => {
      const lease = await started(store, newOperation('leaving'));
      expect(await store.release(lease, 'leaving is shutting down')).toBe(true);
      const taken = (await store.takeOverExpired('next')).find(
        t => t.lease.id === lease.id,
      );
      expect(taken).toMatchObject({
        previousRunner: 'leaving',
        previousLeaseExpiredAt: 0,
      });
      expect(taken!.operation.log.at(-1)!.message).toBe(
        'leaving is shutting down',
      );
    });

    it('deletes finished operations past the retention with their logs, never running ones', async () => {
      const old = await started(store, newOperation('a'));
      await store.finish(old, { state: 'succeeded', result: 'ok' }, 'ok');
      const running = await started(store, newOperation('a'));
      const cutoff = new Date(Date.now() + 1000).toISOString();
      expect(await store.purgeFinished(cutoff)).toBeGreaterThanOrEqual(1);
      expect(await store.get(old.id)).toBeUndefined();
      expect(
        await db.knex('metal3_operation_log').where({ operation_id: old.id }),
      ).toEqual([]);
      expect((await store.get(running.id))!.state).toBe('running');
    });

    it("lists one host's operations of the window, newest first (the host timeline)", async () => {
      const before = new Date().toISOString();
      const first = await started(store, newOperation('r1', 'worker-timeline'));
      await store.finish(
        first,
        { state: 'succeeded', result: 'drained' },
        'done',
      );
      await sleep(5);
      const second = await started(
        store,
        newOperation('r1', 'worker-timeline'),
      );
      await started(store, newOperation('r1', 'worker-elsewhere'));
      const listed = await store.listForHost(
        {
          cluster: 'kube-dc-mgmt',
          namespace: 'metal3',
          name: 'worker-timeline',
        },
        before,
      );
      expect(listed.map(o => [o.id, o.state])).toEqual([
        [second.id, 'running'],
        [first.id, 'succeeded'],
      ]);
      // Nothing started after the window's start.
      expect(
        await store.listForHost(
          {
            cluster: 'kube-dc-mgmt',
            namespace: 'metal3',
            name: 'worker-timeline',
          },
          new Date(Date.now() + 60_000).toISOString(),
        ),
      ).toEqual([]);
    });
  },
);
