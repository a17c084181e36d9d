import { Knex } from 'knex';
import {
  databasesUnderTest,
  freshDatabase,
  stopPostgres,
} from '../__testUtils__/testDatabases';
import {
  migrateToLatest,
  migrationsDirectory,
} from '../database/migrateDatabase';
import { ApprovalStore, NewApproval } from './ApprovalStore';

/**
 * The approvals table as replicas share it, on SQLite (development) and
 * PostgreSQL (production): one open request per operation and object, and
 * every change of state won by exactly one of the callers racing for it.
 */
jest.setTimeout(60_000);

const ALICE = 'user:default/alice';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
let hostCounter = 0;

function newApproval(overrides: Partial<NewApproval> = {}): NewApproval {
  return {
    kind: 'power-off',
    target: {
      cluster: 'kube-dc-mgmt',
      namespace: 'metal3',
      name: `worker-${++hostCounter}`,
    },
    parameters: {},
    title: 'Power off worker',
    via: 'api',
    requestedBy: ALICE,
    impact: { summary: 'No pod to evict', warnings: [] },
    expiresAfterMs: 60_000,
    ...overrides,
  };
}

async function created(store: ApprovalStore, input: NewApproval) {
  const result = await store.create(input);
  if (!('created' in result)) throw new Error('expected a new approval');
  return result.created;
}

afterAll(() => stopPostgres());

describe.each(databasesUnderTest('The approvals table'))(
  'ApprovalStore on %s',
  kind => {
    let db: { knex: Knex; drop(): Promise<void> };
    let store: ApprovalStore;

    beforeAll(async () => {
      db = await freshDatabase(kind);
      await migrateToLatest(db.knex);
      store = new ApprovalStore(db.knex);
    });

    afterAll(async () => {
      await db?.drop();
    });

    it('migrates down and up again', async () => {
      const directory = migrationsDirectory();
      // By name: other migrations share its timestamp and sort after it.
      await db.knex.migrate.down({
        directory,
        name: '20261210120000_approvals.js',
      });
      expect(await db.knex.schema.hasTable('metal3_approvals')).toBe(false);
      expect(await db.knex.schema.hasTable('metal3_operations')).toBe(true);
      await migrateToLatest(db.knex);
      expect(await db.knex.schema.hasTable('metal3_approvals')).toBe(true);
    });

    it('keeps what was asked: kind, target, parameters, requester, impact, expiry', async () => {
      const before = Date.now();
      const approval = await created(
        store,
        newApproval({
          kind: 'scale-down',
          target: { cluster: 'kube-dc-mgmt', namespace: 'metal3', name: 'p' },
          parameters: { delta: -1 },
          impact: {
            summary: 'Scale p from 2 to 1',
            removing: 1,
            machines: [{ name: 'm-1', why: 'marked', host: 'worker-1' }],
            warnings: [],
          },
        }),
      );
      expect(approval).toMatchObject({
        kind: 'scale-down',
        targetType: 'pool',
        target: { cluster: 'kube-dc-mgmt', namespace: 'metal3', name: 'p' },
        parameters: { delta: -1 },
        state: 'pending',
        requestedBy: ALICE,
        impact: {
          machines: [{ name: 'm-1', why: 'marked', host: 'worker-1' }],
        },
      });
      // The database's clock, a minute ahead.
      expect(Math.abs(approval.expiresAt - before - 60_000)).toBeLessThan(5000);
    });

    it('10 concurrent identical requests make one open request; the others get it back', async () => {
      const input = newApproval();
      const results = await Promise.all(
        Array.from({ length: 10 }, () => store.create(input)),
      );
      const ids = new Set(
        results.map(r => ('created' in r ? r.created.id : r.open.id)),
      );
      expect(ids.size).toBe(1);
      expect(results.filter(r => 'created' in r)).toHaveLength(1);
      // Once it is closed, the same operation can be asked for again.
      const [id] = ids;
      expect(
        await store.decide(id, {
          state: 'rejected',
          decidedBy: 'user:default/bob',
        }),
      ).toBe(true);
      expect('created' in (await store.create(input))).toBe(true);
    });

    it('never lets the requester decide their own request', async () => {
      const approval = await created(store, newApproval());
      expect(
        await store.decide(approval.id, {
          state: 'approved',
          decidedBy: ALICE,
        }),
      ).toBe(false);
      expect((await store.get(approval.id))!.state).toBe('pending');
    });

    it('of 10 concurrent approvals and rejections exactly one decides', async () => {
      const approval = await created(store, newApproval());
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.decide(approval.id, {
            state: i % 2 ? 'approved' : 'rejected',
            decidedBy: `user:default/approver-${i}`,
          }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await store.get(approval.id)).toMatchObject({
        state: winner % 2 ? 'approved' : 'rejected',
        decidedBy: `user:default/approver-${winner}`,
      });
    });

    it('of 10 concurrent claims of an approved run exactly one starts it; only its runner finishes it', async () => {
      const approval = await created(store, newApproval());
      await store.decide(approval.id, {
        state: 'approved',
        decidedBy: 'user:default/bob',
      });
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.startRun(approval.id, `replica-${i}`),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const runner = `replica-${claims.indexOf(true)}`;
      expect(
        await store.finishRun(approval.id, 'replica-x', {
          state: 'failed',
          error: 'not mine',
        }),
      ).toBe(false);
      expect(
        await store.finishRun(approval.id, runner, {
          state: 'succeeded',
          result: 'worker powered off',
        }),
      ).toBe(true);
      expect(await store.get(approval.id)).toMatchObject({
        state: 'succeeded',
        result: 'worker powered off',
        runner,
      });
      // Closed: the object's claim is free again.
      expect(
        await store.list({
          states: ['pending', 'approved', 'running'],
          target: approval.target,
        }),
      ).toEqual([]);
    });

    it('a task claims only its own approved request', async () => {
      const approval = await created(
        store,
        newApproval({ via: 'task', taskId: 'task-1' }),
      );
      expect(
        await store.startRun(approval.id, 'task:task-1', { taskId: 'task-1' }),
      ).toBe(false);
      await store.decide(approval.id, {
        state: 'approved',
        decidedBy: 'user:default/bob',
      });
      expect(
        await store.startRun(approval.id, 'task:task-2', { taskId: 'task-2' }),
      ).toBe(false);
      expect(
        await store.startRun(approval.id, 'task:task-1', { taskId: 'task-1' }),
      ).toBe(true);
    });

    it('expires a pending request once, whichever of 5 replicas looks; an expired request cannot be approved', async () => {
      const approval = await created(
        store,
        newApproval({ expiresAfterMs: 300 }),
      );
      await sleep(600);
      expect(
        await store.decide(approval.id, {
          state: 'approved',
          decidedBy: 'user:default/bob',
        }),
      ).toBe(false);
      const rounds = await Promise.all(
        Array.from({ length: 5 }, () => store.expireDue()),
      );
      expect(rounds.flat().filter(a => a.id === approval.id)).toHaveLength(1);
      expect((await store.get(approval.id))!.state).toBe('expired');
    });

    it('lets only the requester withdraw, and only before the run starts', async () => {
      const approval = await created(store, newApproval());
      expect(await store.withdraw(approval.id, 'user:default/bob')).toBe(false);
      expect(await store.withdraw(approval.id, ALICE)).toBe(true);
      expect((await store.get(approval.id))!.state).toBe('withdrawn');
      const running = await created(store, newApproval());
      await store.decide(running.id, {
        state: 'approved',
        decidedBy: 'user:default/bob',
      });
      await store.startRun(running.id, 'replica-a');
      expect(await store.withdraw(running.id, ALICE)).toBe(false);
    });

    it('lists newest first, by state and by object', async () => {
      const target = { cluster: 'c', namespace: 'n', name: 'listed' };
      const first = await created(store, newApproval({ target }));
      await store.decide(first.id, {
        state: 'rejected',
        decidedBy: 'user:default/bob',
      });
      await sleep(5);
      const second = await created(store, newApproval({ target }));
      expect((await store.list({ target })).map(a => a.id)).toEqual([
        second.id,
        first.id,
      ]);
      expect(
        (await store.list({ target, states: ['pending'] })).map(a => a.id),
      ).toEqual([second.id]);
    });

    it('deletes closed requests after they are kept long enough, never open ones', async () => {
      const open = await created(store, newApproval());
      const closed = await created(store, newApproval());
      await store.decide(closed.id, {
        state: 'rejected',
        decidedBy: 'user:default/bob',
      });
      await store.purgeFinished(new Date(Date.now() + 1000).toISOString());
      expect(await store.get(closed.id)).toBeUndefined();
      expect((await store.get(open.id))!.state).toBe('pending');
    });
  },
);
