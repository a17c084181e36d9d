import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import {
  machineOfHost,
  poolMachines,
  RAW_KEYS,
} from '@metal3-fleet/plugin-metal3-node/testUtils';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  backendDatabaseConfig,
  dropTestDatabases,
  postgresAdminUrl,
  postgresAvailable,
  stopPostgres,
  warnPostgresSkipped,
} from '@metal3-fleet/plugin-metal3-node/testUtils';
import {
  ReplicaProcess,
  startReplicaProcess,
} from './__testUtils__/replicaProcess';
import { metal3Plugin } from './plugin';

/**
 * Two replicas of the metal3 backend on one PostgreSQL database and one lab
 * playing the management cluster. Replica A runs in a process of its own so
 * that it can be killed as Kubernetes kills a pod (SIGKILL: no shutdown
 * hook, no hand-over); replica B runs in the test. A drain started on A is
 * seen on B, a repeat on B joins it, and after A is killed mid-drain B holds
 * an honest record and then resumes the drain, or refuses to when the node
 * was uncordoned since.
 *
 * The drain is slowed down by the lab's latency fault (every API request
 * waits), so that A is killed with pods evicted and pods left.
 */
jest.setTimeout(300_000);

const NS = 'metal3';
const POOL = 'kube-dc-workers';
const CLUSTER = 'kube-dc-mgmt';
const PODS = 12;
const LEASE_SECONDS = 3;
const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');
const PODS_KEY = { group: '', resource: 'pods' };

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

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
    await sleep(100);
  }
}

const describeOnPostgres = postgresAvailable() ? describe : describe.skip;
if (!postgresAvailable()) warnPostgresSkipped('The two-replica test');

describeOnPostgres('two replicas on one PostgreSQL', () => {
  let lab: RunningLab;
  let config: Record<string, any>;
  let prefix: string;
  let replicaB: {
    server: any;
    audits: { eventId: string; outcome?: string }[];
    stop(): Promise<void>;
  };
  const killed: ReplicaProcess[] = [];

  const store = () => lab.clusters[0].store;
  const api = (server: any) => ({
    post: (path: string, user = alice) =>
      request(server).post(`/api/metal3${path}`).set('Authorization', user),
    get: (path: string) =>
      request(server).get(`/api/metal3${path}`).set('Authorization', alice),
  });
  const maintenance = (host: string, action: string) =>
    `/hosts/${CLUSTER}/${NS}/${host}/actions/${action}`;

  /** The evictable pods on `node` (the lab's own store, not the portal's view). */
  const podsOn = (node: string) =>
    store()
      .list(PODS_KEY, { namespace: NS })
      .filter(p => p.spec?.nodeName === node);

  function addPods(node: string) {
    for (let i = 0; i < PODS; i++) {
      store().create(PODS_KEY, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `app-${node}-${randomBytes(3).toString('hex')}`,
          namespace: NS,
        },
        spec: { nodeName: node, containers: [{ name: 'app', image: 'app' }] },
      });
    }
  }

  /** A pool member with a Node, and that node. */
  async function memberWithNode(): Promise<{ host: string; node: string }> {
    const md = store().get(RAW_KEYS.md, NS, POOL)!;
    if (md.spec.replicas < 1) {
      md.spec.replicas = 1;
      delete md.metadata.resourceVersion;
      store().update(RAW_KEYS.md, md);
    }
    return eventually(
      () => {
        for (const machine of poolMachines(store(), NS, POOL)) {
          const host = /^metal3:\/\/[^/]+\/([^/]+)\//.exec(
            machine.spec.providerID ?? '',
          )?.[1];
          const node = machine.status?.nodeRef?.name;
          if (host && node && !machine.metadata.deletionTimestamp)
            return { host, node };
        }
        return undefined;
      },
      90_000,
      'a pool member with a node',
    );
  }

  /**
   * Starts replica A (a process) and waits until it serves `host`: a fleet
   * total above zero only says that one cluster's informers synced, and the
   * host may live in another (a 404 from A, seen in CI).
   */
  async function startReplicaA(host: string): Promise<ReplicaProcess> {
    const replica = await startReplicaProcess(config);
    killed.push(replica);
    await eventually(
      async () =>
        (
          await api(replica.url).get(`/hosts/${CLUSTER}/${NS}/${host}`)
        ).status === 200,
      60_000,
      `replica A serving ${host}`,
    );
    return replica;
  }

  /** Replica A is killed once the drain evicted some pods and left others. */
  async function killMidDrain(replica: ReplicaProcess, node: string) {
    await eventually(
      () => podsOn(node).length <= PODS - 2,
      60_000,
      'a started eviction',
    );
    await replica.kill();
    lab.clusters[0].faults.latencyMs = undefined;
    const left = podsOn(node).length;
    expect(left).toBeGreaterThan(0);
    return left;
  }

  beforeAll(async () => {
    lab = await startLab({
      stateDir: mkdtempSync(join(tmpdir(), 'lab-replicas-')),
      speed: 600,
    });
    prefix = `m3rep_${randomBytes(4).toString('hex')}_`;
    config = {
      // Databases of this test's own (<prefix><plugin>) on a shared server.
      backend: {
        database: backendDatabaseConfig(await postgresAdminUrl(), prefix),
      },
      metal3: {
        lab: { external: true },
        bmc: { allow: ['loopback'], allowedNetworks: ['127.100.0.0/16'] },
        operations: { leaseSeconds: LEASE_SECONDS },
        clusters: lab.clusters.map(c => ({
          name: c.name,
          authProvider: 'kubeconfig',
          kubeconfig: { file: lab.kubeconfigPath, context: c.name },
        })),
      },
    };
    const audits: { eventId: string; outcome?: string }[] = [];
    const backend = await startTestBackend({
      features: [
        metal3Plugin,
        mockServices.rootConfig.factory({ data: config }),
        mockServices.auditor.mock({
          createEvent: async ({ eventId }) => {
            const record: { eventId: string; outcome?: string } = {
              eventId,
            };
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
    replicaB = { server: backend.server, audits, stop: () => backend.stop() };
    await eventually(
      async () => (await api(backend.server).get('/hosts')).body.total > 0,
      60_000,
      'replica B serving hosts',
    );
  });

  afterAll(async () => {
    await Promise.all(killed.map(r => r.kill()));
    await lab?.stop();
    await replicaB?.stop();
    if (prefix) await dropTestDatabases(prefix);
    await stopPostgres();
  });

  it('a drain started on replica A is seen and joined on B; killed mid-drain, A leaves an honest record and B resumes it', async () => {
    const { host, node } = await memberWithNode();
    const replicaA = await startReplicaA(host);
    const a = api(replicaA.url);
    const b = api(replicaB.server);
    addPods(node);
    lab.clusters[0].faults.latencyMs = 300;

    const started = await a.post(maintenance(host, 'maintenance-on'));
    expect(started.status).toBe(202);
    const id = started.body.operation.id;

    // Seen from B: the database, not A's memory.
    const seen = await b.get(`/operations/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.operation).toMatchObject({
      id,
      action: 'maintenance-on',
      target: { cluster: CLUSTER, namespace: NS, name: host },
      state: 'running',
    });
    const startLine = seen.body.operation.log[0].message as string;
    expect(startLine).toMatch(/^Started by user:default\/alice on replica /);
    const replicaAName = startLine.replace(/^.* on replica /, '');

    // A repeat on B, by someone else, joins the drain running on A.
    const repeat = await b.post(maintenance(host, 'maintenance-on'), bob);
    expect(repeat.status).toBe(202);
    expect(repeat.body.operation.id).toBe(id);

    const left = await killMidDrain(replicaA, node);

    // Right after the kill: still running on A as far as anyone can
    // tell, with the last thing A did.
    const orphan = (await b.get(`/operations/${id}`)).body.operation;
    expect(orphan.state).toBe('running');
    expect(orphan.log.map((l: any) => l.message)).toContain(
      `Node ${node} cordoned`,
    );

    const done = await eventually(
      async () => {
        const op = (await b.get(`/operations/${id}`)).body.operation;
        return op.state !== 'running' && op;
      },
      120_000,
      'the operation ending on replica B',
    );
    const log: string[] = done.log.map((l: any) => l.message);
    expect(done.state).toBe('succeeded');
    expect(done.result).toBe(
      `${host} is in maintenance: node ${node} cordoned and drained`,
    );
    const takeover = log.findIndex(m =>
      m.startsWith(`Replica ${replicaAName} stopped renewing its lease`),
    );
    expect(takeover).toBeGreaterThan(0);
    // What A had done when it died, counted by B from the cluster.
    const resumed = log[takeover + 1];
    const counted = new RegExp(
      `^Resuming: node ${node} cordoned; (\\d+) of ${PODS} pods evicted, (\\d+) left$`,
    ).exec(resumed);
    expect(counted).not.toBeNull();
    expect(Number(counted![1]) + Number(counted![2])).toBe(PODS);
    expect(Number(counted![2])).toBeLessThanOrEqual(left);
    expect(Number(counted![2])).toBeGreaterThan(0);
    expect(log).toContain(`Node ${node} is drained`);

    // The cluster: cordoned and empty.
    expect(
      store().get(RAW_KEYS.node, undefined, node)!.spec.unschedulable,
    ).toBe(true);
    expect(podsOn(node)).toEqual([]);
    expect(replicaB.audits).toContainEqual({
      eventId: 'operation-takeover',
      outcome: 'success',
    });

    // Back to service for the next case.
    const off = await b.post(maintenance(host, 'maintenance-off'));
    expect(off.status).toBe(200);
    expect(machineOfHost(store(), NS, host)).toBeDefined();
  });

  it('a drain whose node was uncordoned after its replica died is marked failed with what was done, not resumed', async () => {
    const { host, node } = await memberWithNode();
    const replicaA = await startReplicaA(host);
    const a = api(replicaA.url);
    const b = api(replicaB.server);
    addPods(node);
    lab.clusters[0].faults.latencyMs = 300;

    const started = await a.post(maintenance(host, 'maintenance-on'));
    expect(started.status).toBe(202);
    const id = started.body.operation.id;
    await killMidDrain(replicaA, node);
    // Someone takes the host out of maintenance before the lease ends.
    const off = await b.post(maintenance(host, 'maintenance-off'));
    expect(off.body).toMatchObject({ changed: true });

    const done = await eventually(
      async () => {
        const op = (await b.get(`/operations/${id}`)).body.operation;
        return op.state !== 'running' && op;
      },
      60_000,
      'the operation ending on replica B',
    );
    expect(done.state).toBe('failed');
    // An eviction A had sent may land just after the kill: the record
    // counts what the cluster shows when B decides.
    const counted = new RegExp(
      `^Not resumed: node ${node} was uncordoned after this operation cordoned it \\(maintenance-off or kubectl uncordon\\); node ${node} not cordoned; (\\d+) of ${PODS} pods evicted, (\\d+) left\\. Run maintenance-on again if ${host} should go into maintenance$`,
    ).exec(done.error);
    expect(counted).not.toBeNull();
    const [evicted, left] = [Number(counted![1]), Number(counted![2])];
    expect(evicted + left).toBe(PODS);
    expect(evicted).toBeGreaterThanOrEqual(2);
    expect(left).toBeGreaterThan(0);
    expect(done.log.at(-1).message).toBe(`Failed: ${done.error}`);
    // B neither cordoned again nor evicted anything.
    await sleep(1000);
    expect(
      store().get(RAW_KEYS.node, undefined, node)!.spec.unschedulable,
    ).toBeFalsy();
    expect(podsOn(node)).toHaveLength(left);
  });
});
