import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import {
  backendDatabaseConfig,
  dropTestDatabases,
  poolMachines,
  postgresAdminUrl,
  RAW_KEYS,
  stopPostgres,
} from '@metal3-fleet/plugin-metal3-node/testUtils';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { expectSpecResponse } from './__testUtils__/specResponses';
import { databasesUnderTest } from './__testUtils__/testDatabases';
import { metal3Plugin } from './plugin';

/**
 * Approvals against the lab, on SQLite and on PostgreSQL: a power-off of a
 * provisioned host, a scale-down and a rejected power-off go through a
 * second person; an approved request runs exactly once, also when two
 * approvers click at once (on PostgreSQL, on two replicas of the backend);
 * a rejected one runs nothing; a new backend on the same database keeps
 * the pending requests and runs them when approved.
 */
jest.setTimeout(300_000);

const NS = 'metal3';
const POOL = 'kube-dc-workers';
const CLUSTER = 'kube-dc-mgmt';
const PODS_KEY = { group: '', resource: 'pods' };
const USERS = {
  alice: mockCredentials.user.header('user:default/alice'),
  bob: mockCredentials.user.header('user:default/bob'),
  carol: mockCredentials.user.header('user:default/carol'),
};

async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 60_000,
  what = 'condition',
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`${what} not met in time`);
    await new Promise(r => setTimeout(r, 100));
  }
}

interface Replica {
  server: any;
  audits: { eventId: string; meta: any; outcome?: string }[];
  stop(): Promise<void>;
}

let lab: RunningLab;
const store = () => lab.clusters[0].store;

beforeAll(async () => {
  lab = await startLab({
    stateDir: mkdtempSync(join(tmpdir(), 'lab-approvals-')),
    speed: 600,
  });
});

afterAll(async () => {
  await lab?.stop();
  await stopPostgres();
});

/** One replica of the metal3 backend on `database`, approvals required for power-off and scale-down. */
async function startReplica(database: object): Promise<Replica> {
  const audits: Replica['audits'] = [];
  const backend = await startTestBackend({
    features: [
      metal3Plugin,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://portal.test' },
          backend: { database },
          metal3: {
            lab: { external: true },
            approvals: { required: ['power-off', 'scale-down'] },
            clusters: lab.clusters.map(c => ({
              name: c.name,
              authProvider: 'kubeconfig',
              kubeconfig: { file: lab.kubeconfigPath, context: c.name },
            })),
          },
        },
      }),
      mockServices.auditor.mock({
        createEvent: async ({ eventId, meta }) => {
          const record: Replica['audits'][number] = { eventId, meta };
          audits.push(record);
          return {
            success: async () => {
              record.outcome = 'success';
            },
            fail: async () => {
              record.outcome = 'fail';
            },
          };
        },
      }).factory,
    ],
  });
  const replica = {
    server: backend.server,
    audits,
    stop: () => backend.stop(),
  };
  await eventually(
    async () => (await api(replica).get('/hosts')).body.total > 0,
    60_000,
    'the replica serving hosts',
  );
  return replica;
}

/** Requests of one replica; every answer is checked against the spec. */
function api(replica: Replica) {
  return {
    post: async (path: string, user: string, body: object = {}) =>
      expectSpecResponse(
        await request(replica.server)
          .post(`/api/metal3${path}`)
          .set('Authorization', user)
          .send(body),
      ),
    get: async (path: string, user = USERS.alice) =>
      expectSpecResponse(
        await request(replica.server)
          .get(`/api/metal3${path}`)
          .set('Authorization', user),
      ),
  };
}

const hostAction = (host: string, action: string) =>
  `/hosts/${CLUSTER}/${NS}/${host}/actions/${action}`;
const bmh = (name: string) => store().get(RAW_KEYS.bmh, NS, name)!;

/** Powers `host` on (no approval needed) if a test before powered it off. */
async function ensureOnline(replica: Replica, host: string) {
  if (bmh(host).spec.online) return;
  const answer = await api(replica).post(
    hostAction(host, 'power-on'),
    USERS.bob,
  );
  expect(answer.status).toBe(200);
  expect(bmh(host).spec.online).toBe(true);
}

/** The pool at `replicas`, every member on a host with a node. */
async function poolOf(replicas: number): Promise<string[]> {
  const md = store().get(RAW_KEYS.md, NS, POOL)!;
  if (md.spec.replicas !== replicas) {
    md.spec.replicas = replicas;
    delete md.metadata.resourceVersion;
    store().update(RAW_KEYS.md, md);
  }
  return eventually(
    () => {
      const machines = poolMachines(store(), NS, POOL);
      const ready = machines.filter(
        m =>
          !m.metadata.deletionTimestamp &&
          m.status?.nodeRef?.name &&
          m.spec.providerID,
      );
      return machines.length === replicas && ready.length === replicas
        ? machines.map(m => m.metadata.name as string).sort()
        : undefined;
    },
    90_000,
    `a pool of ${replicas}`,
  );
}

describe.each(databasesUnderTest('Approvals on the lab'))(
  'approvals on the lab, %s',
  kind => {
    let replicaA: Replica;
    let replicaB: Replica;
    let database: object;
    let prefix = '';

    beforeAll(async () => {
      if (kind === 'PostgreSQL') {
        prefix = `m3appr_${randomBytes(4).toString('hex')}_`;
        database = backendDatabaseConfig(await postgresAdminUrl(), prefix);
        // Two replicas of the portal on one database.
        [replicaA, replicaB] = await Promise.all([
          startReplica(database),
          startReplica(database),
        ]);
      } else {
        // A file, so that a new backend finds what the last one stored;
        // SQLite serves one replica: both approvers use it.
        database = {
          client: 'better-sqlite3',
          connection: {
            directory: mkdtempSync(join(tmpdir(), 'approvals-sqlite-')),
          },
        };
        replicaA = replicaB = await startReplica(database);
      }
    });

    afterAll(async () => {
      await replicaA?.stop();
      if (replicaB !== replicaA) await replicaB?.stop();
      if (prefix) await dropTestDatabases(prefix);
    });

    it('an approved power-off of a provisioned host powers it off exactly once: the requester cannot approve, of two approvers at once one runs it', async () => {
      const host = 'storage-0';
      await ensureOnline(replicaA, host);
      const asked = await api(replicaA).post(
        hostAction(host, 'power-off'),
        USERS.alice,
      );
      expect(asked.status).toBe(202);
      const { approval } = asked.body;
      expect(approval).toMatchObject({
        kind: 'power-off',
        state: 'pending',
        requestedBy: 'user:default/alice',
        target: { cluster: CLUSTER, namespace: NS, name: host },
        link: `http://portal.test/metal3/approvals/${approval.id}`,
        viewer: { mayDecide: false },
      });
      // Waiting, not done: the host is still on.
      expect(bmh(host).spec.online).toBe(true);
      // The same request again joins it.
      const again = await api(replicaB).post(
        hostAction(host, 'power-off'),
        USERS.alice,
      );
      expect(again.status).toBe(202);
      expect(again.body.approval.id).toBe(approval.id);

      const own = await api(replicaA).post(
        `/approvals/${approval.id}/approve`,
        USERS.alice,
      );
      expect(own.status).toBe(403);
      expect(own.body.error.message).toBe(
        `You requested Power off ${host}: another person with metal3.approval.decide must approve it`,
      );

      const answers = await Promise.all([
        api(replicaA).post(`/approvals/${approval.id}/approve`, USERS.bob),
        api(replicaB).post(`/approvals/${approval.id}/approve`, USERS.carol),
      ]);
      expect(answers.map(a => a.status).sort()).toEqual([200, 409]);
      const done = answers.find(a => a.status === 200)!.body.approval;
      expect(done).toMatchObject({
        state: 'succeeded',
        result: `${host} set offline`,
      });
      expect(answers.find(a => a.status === 409)!.body.error.message).toMatch(
        new RegExp(`was already approved by ${done.decidedBy} at `),
      );
      expect(bmh(host).spec.online).toBe(false);
      // Audited as approved by one, requested by the other, run once.
      const runs = [
        ...replicaA.audits,
        ...(replicaB !== replicaA ? replicaB.audits : []),
      ].filter(
        a =>
          a.eventId === 'approval-approve' &&
          a.meta.approval === approval.id &&
          a.outcome === 'success',
      );
      expect(runs).toEqual([
        expect.objectContaining({
          meta: expect.objectContaining({
            requestedBy: 'user:default/alice',
            decidedBy: done.decidedBy,
            kind: 'power-off',
          }),
        }),
      ]);

      // Powered on again: a late approval runs nothing more.
      await api(replicaA).post(hostAction(host, 'power-on'), USERS.bob);
      expect(bmh(host).spec.online).toBe(true);
      const late = await api(replicaB).post(
        `/approvals/${approval.id}/approve`,
        USERS.bob,
      );
      expect(late.status).toBe(409);
      expect(bmh(host).spec.online).toBe(true);
      const seen = await api(replicaB).get(
        `/approvals/${approval.id}`,
        USERS.bob,
      );
      expect(seen.body.approval).toMatchObject({
        state: 'succeeded',
        viewer: { mayDecide: false, reason: 'It is succeeded already' },
      });
    });

    it('shows the pods a power-off takes down; a rejection runs nothing', async () => {
      const [machine] = await poolOf(2);
      const member = poolMachines(store(), NS, POOL).find(
        m => m.metadata.name === machine,
      );
      const node = member.status.nodeRef.name;
      const host = /^metal3:\/\/[^/]+\/([^/]+)\//.exec(
        member.spec.providerID,
      )![1];
      const pod = `web-${kind.toLowerCase()}`;
      store().create(PODS_KEY, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: pod,
          namespace: NS,
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: 'web-7f9',
              uid: 'rs-1',
              controller: true,
            },
          ],
        },
        spec: { nodeName: node, containers: [{ name: 'web', image: 'web' }] },
      });
      const asked = await api(replicaA).post(
        hostAction(host, 'power-off'),
        USERS.alice,
      );
      expect(asked.status).toBe(202);
      const { approval } = asked.body;
      expect(approval.impact).toMatchObject({ node, warnings: [] });
      expect(approval.impact.pods).toContainEqual({
        namespace: NS,
        name: pod,
        owner: 'ReplicaSet/web-7f9',
      });
      // Listed for approvers, with the impact, as pending.
      const pending = await api(replicaB).get(
        `/approvals?state=pending&cluster=${CLUSTER}&namespace=${NS}&name=${host}`,
        USERS.bob,
      );
      expect(pending.body.items.map((a: any) => a.id)).toEqual([approval.id]);
      expect(pending.body.items[0].viewer).toEqual({ mayDecide: true });

      const rejected = await api(replicaB).post(
        `/approvals/${approval.id}/reject`,
        USERS.bob,
        { comment: 'web has no second replica' },
      );
      expect(rejected.status).toBe(200);
      expect(rejected.body.approval).toMatchObject({
        state: 'rejected',
        comment: 'web has no second replica',
      });
      const late = await api(replicaA).post(
        `/approvals/${approval.id}/approve`,
        USERS.carol,
      );
      expect(late.status).toBe(409);
      expect(bmh(host).spec.online).toBe(true);
      expect(store().get(PODS_KEY, NS, pod)).toBeDefined();
    });

    it('an approved scale-down by one shrinks the pool by exactly one machine, though two approvers clicked at once', async () => {
      const before = await poolOf(2);
      const asked = await api(replicaA).post(
        `/pools/${CLUSTER}/${NS}/${POOL}/actions/scale`,
        USERS.alice,
        { delta: -1 },
      );
      expect(asked.status).toBe(202);
      const { approval } = asked.body;
      expect(approval).toMatchObject({
        kind: 'scale-down',
        title: `Scale down ${POOL} by 1`,
        parameters: { delta: -1 },
        impact: { removing: 1 },
      });
      // The machines Cluster API may pick are the pool's.
      expect(approval.impact.machines.length).toBeGreaterThan(0);
      for (const m of approval.impact.machines)
        expect(before).toContain(m.name);
      expect(store().get(RAW_KEYS.md, NS, POOL)!.spec.replicas).toBe(2);

      const answers = await Promise.all([
        api(replicaA).post(`/approvals/${approval.id}/approve`, USERS.bob),
        api(replicaB).post(`/approvals/${approval.id}/approve`, USERS.carol),
      ]);
      expect(answers.map(a => a.status).sort()).toEqual([200, 409]);
      expect(answers.find(a => a.status === 200)!.body.approval).toMatchObject({
        state: 'succeeded',
      });
      expect(store().get(RAW_KEYS.md, NS, POOL)!.spec.replicas).toBe(1);
      const after = await eventually(
        () => {
          const alive = poolMachines(store(), NS, POOL).map(
            m => m.metadata.name as string,
          );
          return alive.length === 1 ? alive : undefined;
        },
        60_000,
        'one machine left',
      );
      expect(before).toContain(after[0]);
    });

    it('a new backend on the same database keeps the pending requests and runs them when approved', async () => {
      const host = 'storage-1';
      await ensureOnline(replicaA, host);
      const asked = await api(replicaA).post(
        hostAction(host, 'power-off'),
        USERS.alice,
      );
      expect(asked.status).toBe(202);
      const id = asked.body.approval.id;

      // The replica that took the request goes away (a restart, a rolling update).
      await replicaA.stop();
      const restarted = await startReplica(database);
      if (replicaB === replicaA) replicaB = restarted;
      replicaA = restarted;

      const pending = await api(restarted).get(
        '/approvals?state=pending',
        USERS.bob,
      );
      expect(pending.body.items.map((a: any) => a.id)).toContain(id);
      const approved = await api(restarted).post(
        `/approvals/${id}/approve`,
        USERS.bob,
      );
      expect(approved.status).toBe(200);
      expect(approved.body.approval.state).toBe('succeeded');
      expect(bmh(host).spec.online).toBe(false);
    });
  },
);
