import { mockServices } from '@backstage/backend-test-utils';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { Knex } from 'knex';
import { createFleet } from '../__fixtures__/fleet';
import {
  databasesUnderTest,
  freshDatabase,
  stopPostgres,
} from '../__testUtils__/testDatabases';
import { migrateToLatest } from '../database/migrateDatabase';
import { StoredApproval } from './approvalRows';
import { ApprovalInput, ApprovalService } from './ApprovalService';
import { ApprovalStore } from './ApprovalStore';

/**
 * Approvals as two replicas of the backend run them on one database, with
 * an operation that counts its runs instead of writing to a cluster (the
 * lab test, plugin.approvals.lab.test.ts, runs the real ones).
 */
jest.setTimeout(60_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const CAROL = 'user:default/carol';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Audit {
  eventId: string;
  meta: Record<string, unknown>;
  outcome?: 'success' | 'fail';
  error?: string;
}

afterAll(() => stopPostgres());

describe.each(databasesUnderTest('Approvals of two replicas'))(
  'ApprovalService on %s',
  kind => {
    let db: { knex: Knex; drop(): Promise<void> };
    let runs: StoredApproval[];
    let audits: Audit[];
    let failNextRun: Error | undefined;
    let replicaA: ApprovalService;
    let replicaB: ApprovalService;
    let hostCounter = 0;

    function replica(name: string, expiresAfterMs = 60_000) {
      return new ApprovalService({
        store: new ApprovalStore(db.knex),
        settings: {
          required: new Set(['power-off', 'scale-down']),
          expiresAfterMs,
          keepMs: 60_000,
        },
        clusters: createFleet(),
        auditor: mockServices.auditor.mock({
          createEvent: async event => {
            const audit: Audit = {
              eventId: event.eventId,
              meta: (event.meta ?? {}) as Record<string, unknown>,
            };
            audits.push(audit);
            return {
              success: async () => {
                audit.outcome = 'success';
              },
              fail: async ({ error }) => {
                audit.outcome = 'fail';
                audit.error = error.message;
              },
            };
          },
        }),
        logger: mockServices.logger.mock(),
        replica: name,
        run: async approval => {
          runs.push(approval);
          await sleep(20);
          if (failNextRun) {
            const error = failNextRun;
            failNextRun = undefined;
            throw error;
          }
          return {
            changed: true,
            message: `${approval.target.name} powered off`,
          };
        },
        timings: { orphanedApprovalMs: 100 },
      });
    }

    const powerOff = (
      overrides: Partial<ApprovalInput> = {},
    ): ApprovalInput => ({
      kind: 'power-off',
      target: {
        cluster: 'kube-dc-mgmt',
        namespace: 'metal3',
        name: `worker-${++hostCounter}`,
      },
      parameters: {},
      via: 'api',
      requestedBy: ALICE,
      ...overrides,
    });

    const auditsOf = (eventId: string, approval: string) =>
      audits.filter(a => a.eventId === eventId && a.meta.approval === approval);

    beforeAll(async () => {
      db = await freshDatabase(kind);
      await migrateToLatest(db.knex);
    });

    beforeEach(() => {
      runs = [];
      audits = [];
      failNextRun = undefined;
      replicaA = replica('replica-a');
      replicaB = replica('replica-b');
    });

    afterAll(async () => {
      await db?.drop();
    });

    it('stores the request with its impact, and knows which kinds need approval', async () => {
      expect(replicaA.requires('power-off')).toBe(true);
      expect(replicaA.requires('pool-upgrade')).toBe(false);
      const { approval } = await replicaA.request(
        powerOff({
          target: {
            cluster: 'kube-dc-mgmt',
            namespace: 'metal3',
            name: 'worker-0',
          },
        }),
      );
      expect(approval).toMatchObject({
        kind: 'power-off',
        title: 'Power off worker-0',
        state: 'pending',
        requestedBy: ALICE,
        impact: {
          node: 'worker-0',
          // The in-memory fleet has no API server to list pods from.
          warnings: [
            expect.stringMatching(
              /^The pods on node worker-0 could not be read/,
            ),
          ],
        },
      });
      await replicaA.withdraw(approval.id, ALICE);
    });

    it('refuses the requester their own approval (403 saying why), audited; nothing runs and it stays pending', async () => {
      const { approval } = await replicaA.request(powerOff());
      await expect(replicaA.approve(approval.id, ALICE)).rejects.toThrow(
        new NotAllowedError(
          `You requested ${approval.title}: another person with metal3.approval.decide must approve it`,
        ),
      );
      await expect(replicaB.reject(approval.id, ALICE)).rejects.toThrow(
        NotAllowedError,
      );
      expect(runs).toEqual([]);
      expect((await replicaA.get(approval.id)).state).toBe('pending');
      expect(auditsOf('approval-approve', approval.id)).toEqual([
        expect.objectContaining({
          outcome: 'fail',
          meta: expect.objectContaining({
            decidedBy: ALICE,
            requestedBy: ALICE,
          }),
        }),
      ]);
    });

    it('two approvals at once on two replicas: the operation runs exactly once; the other answers who decided', async () => {
      const { approval } = await replicaA.request(powerOff());
      const [a, b] = await Promise.allSettled([
        replicaA.approve(approval.id, BOB),
        replicaB.approve(approval.id, CAROL),
      ]);
      const won = [a, b].filter(r => r.status === 'fulfilled');
      const lost = [a, b].filter(
        (r): r is PromiseRejectedResult => r.status === 'rejected',
      );
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(runs.map(r => r.id)).toEqual([approval.id]);
      const done = (won[0] as PromiseFulfilledResult<StoredApproval>).value;
      expect(done).toMatchObject({
        state: 'succeeded',
        result: `${approval.target.name} powered off`,
      });
      expect(lost[0].reason).toBeInstanceOf(ConflictError);
      // The loser reads the state while the winner runs it, or after.
      expect(lost[0].reason.message).toMatch(
        new RegExp(
          `^${escape(approval.title)} \\(${
            approval.id
          }\\) was already approved by ${escape(done.decidedBy!)} at ${escape(
            done.decidedAt!,
          )} and is (approved|running|succeeded)$`,
        ),
      );
      // One record of the run, saying who asked and who approved.
      const approvals = auditsOf('approval-approve', approval.id);
      expect(approvals.filter(r => r.outcome === 'success')).toEqual([
        expect.objectContaining({
          meta: expect.objectContaining({
            requestedBy: ALICE,
            decidedBy: done.decidedBy,
          }),
        }),
      ]);
      expect(approvals.filter(r => r.outcome === 'fail')).toHaveLength(1);
      // And it is never run again.
      await expect(replicaB.approve(approval.id, CAROL)).rejects.toThrow(
        ConflictError,
      );
      await Promise.all([replicaA.sweep(), replicaB.sweep()]);
      expect(runs).toHaveLength(1);
    });

    it('a rejection runs nothing, and the request cannot be approved after it', async () => {
      const { approval } = await replicaA.request(powerOff());
      const rejected = await replicaB.reject(approval.id, BOB, {
        comment: 'not during the freeze',
      });
      expect(rejected).toMatchObject({
        state: 'rejected',
        decidedBy: BOB,
        comment: 'not during the freeze',
      });
      await expect(replicaA.approve(approval.id, CAROL)).rejects.toThrow(
        `${approval.title} (${approval.id}) was already rejected by ${BOB} at ${rejected.decidedAt}: not during the freeze`,
      );
      expect(runs).toEqual([]);
      expect(auditsOf('approval-reject', approval.id)).toEqual([
        expect.objectContaining({ outcome: 'success' }),
      ]);
    });

    it('an expired request runs nothing: expired once by the sweeps of two replicas, audited once', async () => {
      const short = replica('replica-c', 300);
      const { approval } = await short.request(powerOff());
      await sleep(600);
      await expect(replicaA.approve(approval.id, BOB)).rejects.toThrow(
        /expired at .* without a decision$/,
      );
      await Promise.all([replicaA.sweep(), replicaB.sweep(), short.sweep()]);
      expect((await replicaA.get(approval.id)).state).toBe('expired');
      expect(auditsOf('approval-expire', approval.id)).toEqual([
        expect.objectContaining({ outcome: 'success' }),
      ]);
      expect(runs).toEqual([]);
    });

    it('a double submit joins the open request; someone else asking for the same is told to decide that one', async () => {
      const input = powerOff();
      const first = await replicaA.request(input);
      const again = await replicaB.request(input);
      expect(again).toEqual({ approval: first.approval, joined: true });
      await expect(
        replicaB.request({ ...input, requestedBy: BOB }),
      ).rejects.toThrow(
        `${first.approval.title} was already requested by ${ALICE} and is pending (approval ${first.approval.id}): decide that one first`,
      );
    });

    it('a withdrawn request runs nothing, and only its requester withdraws it', async () => {
      const { approval } = await replicaA.request(powerOff());
      await expect(replicaA.withdraw(approval.id, BOB)).rejects.toThrow(
        NotAllowedError,
      );
      expect((await replicaB.withdraw(approval.id, ALICE)).state).toBe(
        'withdrawn',
      );
      await expect(replicaA.approve(approval.id, BOB)).rejects.toThrow(
        'was withdrawn by',
      );
      expect(runs).toEqual([]);
    });

    it("leaves a template's request to its task: claimed once (a repeat of the task gets the same run), refused to other tasks, finished by it", async () => {
      const { approval } = await replicaA.request(
        powerOff({ via: 'task', taskId: 'task-1' }),
      );
      await expect(
        replicaA.startTaskRun(approval.id, 'task-1', ALICE),
      ).rejects.toThrow(/is still pending$/);
      expect((await replicaB.approve(approval.id, BOB)).state).toBe('approved');
      expect(runs).toEqual([]);
      await expect(
        replicaA.startTaskRun(approval.id, 'task-2', ALICE),
      ).rejects.toThrow(NotAllowedError);
      await expect(
        replicaA.startTaskRun(approval.id, 'task-1', BOB),
      ).rejects.toThrow(NotAllowedError);
      const starts = await Promise.all([
        replicaA.startTaskRun(approval.id, 'task-1', ALICE),
        replicaB.startTaskRun(approval.id, 'task-1', ALICE),
      ]);
      expect(starts.map(s => [s.state, s.runner])).toEqual([
        ['running', 'task:task-1'],
        ['running', 'task:task-1'],
      ]);
      const finished = await replicaB.finishTaskRun(
        approval.id,
        'task-1',
        ALICE,
        {
          outcome: 'succeeded',
          message: 'Scaled pool p from 2 to 1',
        },
      );
      expect(finished).toMatchObject({
        state: 'succeeded',
        result: 'Scaled pool p from 2 to 1',
      });
      await expect(
        replicaA.finishTaskRun(approval.id, 'task-1', ALICE, {
          outcome: 'failed',
          message: 'again',
        }),
      ).rejects.toThrow(ConflictError);
    });

    it('runs, once, a request a crashed replica approved but never started', async () => {
      const { approval } = await replicaA.request(powerOff());
      // What a replica that died right after the decision leaves behind.
      await new ApprovalStore(db.knex).decide(approval.id, {
        state: 'approved',
        decidedBy: BOB,
      });
      await sleep(250);
      await Promise.all([replicaA.sweep(), replicaB.sweep()]);
      expect(runs.map(r => r.id)).toEqual([approval.id]);
      expect((await replicaA.get(approval.id)).state).toBe('succeeded');
    });

    it('records a run that failed as failed, with the error, audited as failed', async () => {
      const { approval } = await replicaA.request(powerOff());
      failNextRun = new ConflictError('BareMetalHost worker changed');
      const done = await replicaB.approve(approval.id, BOB);
      expect(done).toMatchObject({
        state: 'failed',
        error: 'BareMetalHost worker changed',
      });
      expect(auditsOf('approval-approve', approval.id)).toEqual([
        expect.objectContaining({
          outcome: 'fail',
          error: 'BareMetalHost worker changed',
        }),
      ]);
    });

    it('answers 404 for an approval it does not know', async () => {
      await expect(replicaA.get('nope')).rejects.toThrow(NotFoundError);
    });
  },
);
