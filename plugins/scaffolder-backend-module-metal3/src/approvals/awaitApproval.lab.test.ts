import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import metal3Backend from '@metal3-fleet/plugin-metal3-backend';
import { request as httpRequest, Agent } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  auditLog,
  KEYS,
  outputOf,
  recordingContext,
  startHarness,
  Harness,
} from '../__testUtils__/labHarness';
import { createRemoveHostAction } from '../actions/removeHost';
import { createScalePoolAction } from '../actions/scalePool';
import { HttpApprovalsClient } from './ApprovalsClient';

/**
 * Template actions under `metal3.approvals.required`, against the real
 * metal3 backend over HTTP (as the scaffolder calls it, with a token on
 * behalf of the task's initiator) and the lab: the task waits, logs where
 * approvers decide, and runs once another person approves; a rejection or
 * a cancellation runs nothing.
 */
jest.setTimeout(180_000);

const NS = 'metal3';
const POOL = 'kube-dc-workers';
const CLUSTER = 'kube-dc-mgmt';
const ALICE = 'user:default/alice';
const BOB = mockCredentials.user.header('user:default/bob');

/**
 * Fetch over node:http with an agent of its own: Backstage's Jest setup
 * blocks the global fetch and agents, and the backend here is on loopback.
 */
const agent = new Agent();
const loopbackFetch: typeof fetch = async (input, init) =>
  new Promise((resolve, reject) => {
    const req = httpRequest(
      String(input),
      {
        agent,
        method: init?.method ?? 'GET',
        headers: init?.headers as Record<string, string>,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolve(
            new Response(Buffer.concat(chunks), {
              status: res.statusCode,
              headers: res.headers as Record<string, string>,
            }),
          ),
        );
      },
    );
    req.on('error', reject);
    if (init?.body) req.write(init.body);
    req.end();
  });

async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 50));
  }
}

let harness: Harness;
let backend: { server: any; stop(): Promise<void> };
let client: HttpApprovalsClient;

beforeAll(async () => {
  harness = await startHarness({ speed: 600 });
  const { lab } = harness;
  backend = await startTestBackend({
    features: [
      metal3Backend,
      mockServices.rootConfig.factory({
        data: {
          metal3: {
            lab: { external: true },
            approvals: { required: ['scale-down', 'remove-from-pool'] },
            clusters: lab.clusters.map(c => ({
              name: c.name,
              authProvider: 'kubeconfig',
              kubeconfig: { file: lab.kubeconfigPath, context: c.name },
            })),
          },
        },
      }),
    ],
  });
  const port = (backend.server.address() as AddressInfo).port;
  client = new HttpApprovalsClient({
    discovery: {
      getBaseUrl: async id => `http://127.0.0.1:${port}/api/${id}`,
    },
    // What auth.getPluginRequestToken hands the scaffolder: a token that
    // stands for the initiator.
    auth: {
      getPluginRequestToken: async ({ onBehalfOf }) => ({
        token: mockCredentials.user.token(
          (onBehalfOf.principal as { userEntityRef: string }).userEntityRef,
        ),
      }),
    },
    fetch: loopbackFetch,
  });
  await eventually(
    async () =>
      (
        await request(backend.server)
          .get('/api/metal3/hosts')
          .set('Authorization', BOB)
      ).body.total > 0,
    60_000,
  );
});

afterAll(async () => {
  agent.destroy();
  await backend?.stop();
  await harness?.stop();
});

const store = () => harness.lab.clusters[0].store;
const replicasOfPool = () => store().get(KEYS.md, NS, POOL)!.spec.replicas;

async function poolOf(replicas: number) {
  const md = store().get(KEYS.md, NS, POOL)!;
  if (md.spec.replicas !== replicas) {
    md.spec.replicas = replicas;
    delete md.metadata.resourceVersion;
    store().update(KEYS.md, md);
  }
  await eventually(
    () =>
      store()
        .list(KEYS.machine, { namespace: NS })
        .filter(
          m =>
            m.metadata.labels?.['cluster.x-k8s.io/deployment-name'] === POOL &&
            m.status?.nodeRef &&
            !m.metadata.deletionTimestamp,
        ).length === replicas &&
      harness.clusters
        .getCluster(CLUSTER)
        .get('machinedeployments', `${NS}/${POOL}`)?.replicas === replicas,
    90_000,
  );
}

/**
 * The metal3 backend under test has a cluster cache of its own (in the
 * portal the module and the backend share one): it judges whether a
 * request shrinks the pool from it, so wait until it sees the size too.
 */
async function backendSeesPoolOf(replicas: number) {
  await eventually(
    async () =>
      (
        await request(backend.server)
          .get(`/api/metal3/pools/${CLUSTER}/${NS}/${POOL}`)
          .set('Authorization', BOB)
      ).body.desiredReplicas === replicas,
    30_000,
  );
}

/** A task of Alice's running the action, and what it logged. */
function task<I>(input: I, taskId: string, signal?: AbortSignal) {
  const recorded = recordingContext({ input });
  const alice: BackstageCredentials = mockCredentials.user(ALICE);
  const ctx = {
    ...recorded.ctx,
    task: { id: taskId },
    signal,
    getInitiatorCredentials: async () => alice,
  };
  return { ...recorded, ctx };
}

/** The pending approval a task asked for, as approvers see it. */
async function pendingOf(taskId: string) {
  return eventually(async () => {
    const answer = await request(backend.server)
      .get('/api/metal3/approvals?state=pending')
      .set('Authorization', BOB);
    return answer.body.items.find((a: any) => a.taskId === taskId);
  }, 30_000);
}

const decide = (id: string, decision: string, body: object = {}) =>
  request(backend.server)
    .post(`/api/metal3/approvals/${id}/${decision}`)
    .set('Authorization', BOB)
    .send(body);

describe('template actions waiting for approval', () => {
  const audit = auditLog();
  const actionOptions = () => ({
    clusters: harness.clusters,
    permissions: mockServices.permissions(),
    auditor: audit.auditor,
    approvals: { client, pollMs: 50 },
  });

  it('metal3:pool:scale to fewer replicas waits, says where to approve, and scales once another person approved', async () => {
    await poolOf(2);
    // Asked at once: the metal3 backend's own cache may still say 1 (its
    // watch lags the lab); it reads the pool live too, so the scale-down
    // still waits.
    const run = task(
      { cluster: CLUSTER, namespace: NS, pool: POOL, replicas: 1 },
      'task-scale-1',
    );
    const running = createScalePoolAction(actionOptions()).handler(
      run.ctx as any,
    );
    const pending = await pendingOf('task-scale-1');
    expect(pending).toMatchObject({
      kind: 'scale-down',
      requestedBy: ALICE,
      via: 'task',
      parameters: { replicas: 1 },
      impact: { removing: 1 },
    });
    // Waiting, and saying where approvers decide: nothing written yet.
    await eventually(() =>
      run
        .logText()
        .includes(
          `Scale down ${POOL} to 1 needs the approval of another person (metal3.approvals.required). Approvers decide at /metal3/approvals/${pending.id}`,
        ),
    );
    expect(replicasOfPool()).toBe(2);

    expect((await decide(pending.id, 'approve')).status).toBe(200);
    await running;
    expect(replicasOfPool()).toBe(1);
    expect(run.logText()).toContain(
      `Scale down ${POOL} to 1 approved by user:default/bob; running it`,
    );
    const done = await request(backend.server)
      .get(`/api/metal3/approvals/${pending.id}`)
      .set('Authorization', BOB);
    expect(done.body.approval).toMatchObject({
      state: 'succeeded',
      result: `Pool ${NS}/${POOL} scaled from 2 to 1`,
    });
    // The task's own record says who asked and who approved.
    expect(
      audit.records.filter(r => r.eventId === 'pool-scale').at(-1),
    ).toMatchObject({ outcomes: ['success'] });
  });

  it('fails naming the decision when the request is rejected, and scales nothing', async () => {
    await poolOf(2);
    await backendSeesPoolOf(2);
    const run = task(
      { cluster: CLUSTER, namespace: NS, pool: POOL, replicas: 0 },
      'task-scale-2',
    );
    const running = createScalePoolAction(actionOptions()).handler(
      run.ctx as any,
    );
    const pending = await pendingOf('task-scale-2');
    await decide(pending.id, 'reject', { comment: 'keep one worker' });
    await expect(running).rejects.toThrow(
      `Scale down ${POOL} to 0 was rejected by user:default/bob: keep one worker. Nothing was done`,
    );
    expect(replicasOfPool()).toBe(2);
  });

  it('withdraws the request when the task is cancelled while it waits; approving it afterwards runs nothing', async () => {
    const abort = new AbortController();
    const run = task(
      { cluster: CLUSTER, namespace: NS, pool: POOL, replicas: 1 },
      'task-scale-3',
      abort.signal,
    );
    const running = createScalePoolAction(actionOptions()).handler(
      run.ctx as any,
    );
    const pending = await pendingOf('task-scale-3');
    abort.abort();
    await expect(running).rejects.toThrow(
      `Cancelled while waiting for approval of Scale down ${POOL} to 1; the request was withdrawn and nothing was done`,
    );
    const late = await decide(pending.id, 'approve');
    expect(late.status).toBe(409);
    expect(replicasOfPool()).toBe(2);
  });

  it('scales up without asking anyone (a scale-up is not risky)', async () => {
    const run = task(
      { cluster: CLUSTER, namespace: NS, pool: POOL, replicas: 3 },
      'task-scale-4',
    );
    await createScalePoolAction(actionOptions()).handler(run.ctx as any);
    expect(replicasOfPool()).toBe(3);
    expect(run.logText()).not.toContain('needs the approval');
  });

  it('metal3:host:remove waits too, and takes the host out of its pool once approved', async () => {
    await poolOf(2);
    await backendSeesPoolOf(2);
    const machine = store()
      .list(KEYS.machine, { namespace: NS })
      .find(
        m =>
          m.metadata.labels?.['cluster.x-k8s.io/deployment-name'] === POOL &&
          m.spec.providerID,
      )!;
    const host = /^metal3:\/\/[^/]+\/([^/]+)\//.exec(
      machine.spec.providerID,
    )![1];
    const run = task(
      { cluster: CLUSTER, namespace: NS, host, waitForRelease: false },
      'task-remove-1',
    );
    const running = createRemoveHostAction(actionOptions()).handler(
      run.ctx as any,
    );
    const pending = await pendingOf('task-remove-1');
    expect(pending).toMatchObject({
      kind: 'remove-from-pool',
      target: { name: host },
      parameters: { decommission: false },
    });
    expect(replicasOfPool()).toBe(2);
    await decide(pending.id, 'approve');
    await running;
    expect(replicasOfPool()).toBe(1);
    expect(outputOf(run.ctx, 'leftPool')).toBe(true);
    expect(outputOf(run.ctx, 'machine')).toBe(machine.metadata.name);
  });
});
