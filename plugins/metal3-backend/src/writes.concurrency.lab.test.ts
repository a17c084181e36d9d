import {
  duplicateBootMacs,
  leavingMachines,
  machineOfHost,
  orphanPortalSecrets,
  poolMachines,
  RAW_KEYS,
} from '@metal3-fleet/plugin-metal3-node/testUtils';
import {
  auditsSince,
  CLUSTER,
  eventually,
  NS,
  POOL,
  startLabBackend,
  USERS,
} from './__testUtils__/labBackend';

/**
 * The concurrency suite of the REST API: every write endpoint hit by 2 and
 * 10 identical requests at once, and by mixed requests of two users, on the
 * lab; afterwards the cluster is checked, not the answers alone: replicas
 * exactly as requested, only the named hosts leave, no orphan Secret, no
 * duplicate host, one audit record with one outcome per request.
 */
jest.setTimeout(120_000);

const PASSWORD = 'sentinel-rest-password-2c4d';
let env: Awaited<ReturnType<typeof startLabBackend>>;
const deletedMachines: string[] = [];

beforeAll(async () => {
  env = await startLabBackend({ bmcPassword: PASSWORD });
  env.store().subscribe(event => {
    if (event.type === 'DELETED' && event.key.resource === 'machines')
      deletedMachines.push(event.object.metadata.name!);
  });
}, 90_000);

afterAll(async () => {
  await env?.stop();
}, 90_000);

/** What holds after every case: no portal Secret without a host, no host twice. */
function expectClusterInvariants() {
  expect(orphanPortalSecrets(env.store())).toEqual([]);
  expect(duplicateBootMacs(env.store())).toEqual([]);
}

const hostAction = (host: string, action: string) =>
  `/hosts/${CLUSTER}/${NS}/${host}/actions/${action}`;
const users = [USERS.alice, USERS.bob];
/** Request i is sent by alice or bob in turn: two admins clicking at once. */
const userOf = (i: number) => users[i % 2];

/** Each record of these requests has exactly one outcome, one record per request. */
function expectOneAuditEach(mark: number, eventId: string, requests: number) {
  const records = auditsSince(env.audits, mark, eventId);
  expect(records).toHaveLength(requests);
  expect(records.map(r => r.outcomes.length)).toEqual(records.map(() => 1));
}

describe('remove-from-pool', () => {
  it.each([2, 10])(
    '%i concurrent requests for one member of a 3-replica pool: replicas 2, one changed, only that host leaves',
    async n => {
      const members = await env.poolOf(3);
      const target = members[members.length - 1];
      const machine = machineOfHost(env.store(), NS, target).metadata.name;
      const others = poolMachines(env.store(), NS, POOL)
        .map(m => m.metadata.name)
        .filter(m => m !== machine);
      const deletedBefore = deletedMachines.length;
      const mark = env.audits.length;

      const answers = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          env.api.post(hostAction(target, 'remove-from-pool'), userOf(i)),
        ),
      );

      expect(answers.map(a => a.status)).toEqual(answers.map(() => 200));
      expect(answers.filter(a => a.body.changed)).toHaveLength(1);
      for (const a of answers.filter(x => !x.body.changed))
        expect(a.body.message).toMatch(/already leaving/);
      expect(env.store().get(RAW_KEYS.md, NS, POOL)!.spec.replicas).toBe(2);
      expect(leavingMachines(env.store(), NS)).toEqual([machine]);
      await eventually(() => !env.store().get(RAW_KEYS.machine, NS, machine));
      // The pool settles at 2: exactly the named Machine went, no other.
      expect(deletedMachines.slice(deletedBefore)).toEqual([machine]);
      expect(
        poolMachines(env.store(), NS, POOL)
          .map(m => m.metadata.name)
          .sort(),
      ).toEqual(others.sort());
      expectOneAuditEach(mark, 'host-remove-from-pool', n);
      expectClusterInvariants();
    },
  );

  it('two users removing two different members, each twice at once: both leave, the pool shrinks by two', async () => {
    const members = await env.poolOf(3);
    const [a, b] = members;
    const machines = [a, b].map(
      h => machineOfHost(env.store(), NS, h).metadata.name,
    );
    const mark = env.audits.length;
    const answers = await Promise.all([
      env.api.post(hostAction(a, 'remove-from-pool'), USERS.alice),
      env.api.post(hostAction(b, 'remove-from-pool'), USERS.bob),
      env.api.post(hostAction(a, 'remove-from-pool'), USERS.bob),
      env.api.post(hostAction(b, 'remove-from-pool'), USERS.alice),
    ]);
    expect(answers.filter(x => x.body.changed)).toHaveLength(2);
    expect(env.store().get(RAW_KEYS.md, NS, POOL)!.spec.replicas).toBe(1);
    expect(leavingMachines(env.store(), NS)).toEqual(machines.sort());
    expectOneAuditEach(mark, 'host-remove-from-pool', 4);
    expectClusterInvariants();
    await eventually(() =>
      machines.every(m => !env.store().get(RAW_KEYS.machine, NS, m)),
    );
    expect(poolMachines(env.store(), NS, POOL)).toHaveLength(1);
    await env.poolOf(2);
  });

  it('a removal racing a "+1" scale from another user: both land (3 + 1 - 1), no other member leaves', async () => {
    const members = await env.poolOf(3);
    const target = members[0];
    const machine = machineOfHost(env.store(), NS, target).metadata.name;
    const others = members
      .slice(1)
      .map(h => machineOfHost(env.store(), NS, h).metadata.name);
    const [removal, scale] = await Promise.all([
      env.api.post(hostAction(target, 'remove-from-pool'), USERS.alice),
      env.api.post(`/pools/${CLUSTER}/${NS}/${POOL}/actions/scale`, USERS.bob, {
        delta: 1,
      }),
    ]);
    expect(removal.body.changed).toBe(true);
    expect(scale.status).toBe(200);
    expect(env.store().get(RAW_KEYS.md, NS, POOL)!.spec.replicas).toBe(3);
    // CAPI settles at 3 Machines: the marked one gone and a new one, or (when
    // both writes landed before it reconciled) the marked one still there,
    // to leave at the next scale-down, exactly as the real MachineSet does.
    await eventually(
      () =>
        poolMachines(env.store(), NS, POOL).filter(
          m => !m.metadata.deletionTimestamp && m.spec.providerID,
        ).length === 3,
    );
    expect(leavingMachines(env.store(), NS).filter(m => m !== machine)).toEqual(
      [],
    );
    for (const other of others)
      expect(env.store().get(RAW_KEYS.machine, NS, other)).toBeDefined();
    await env.poolOf(2);
  });
});

describe('pool scale', () => {
  const scaleUrl = `/pools/${CLUSTER}/${NS}/${POOL}/actions/scale`;

  it.each([2, 10])(
    '%i concurrent "replicas 3": the pool is at 3, one answer changed',
    async n => {
      await env.poolOf(2);
      const mark = env.audits.length;
      const answers = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          env.api.post(scaleUrl, userOf(i), { replicas: 3 }),
        ),
      );
      expect(answers.map(a => a.status)).toEqual(answers.map(() => 200));
      expect(answers.filter(a => a.body.changed)).toHaveLength(1);
      expect(env.store().get(RAW_KEYS.md, NS, POOL)!.spec.replicas).toBe(3);
      expectOneAuditEach(mark, 'pool-scale', n);
      expectClusterInvariants();
    },
  );

  it.each([2, 10])(
    '%i concurrent "delta 1": exactly one more replica per 200, every other answer names why',
    async n => {
      await env.poolOf(2);
      const mark = env.audits.length;
      const answers = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          env.api.post(scaleUrl, userOf(i), { delta: 1 }),
        ),
      );
      const landed = answers.filter(a => a.status === 200);
      for (const refused of answers.filter(a => a.status !== 200)) {
        // Capacity (the pool's free hosts) or bounded conflict retries.
        expect([400, 409]).toContain(refused.status);
        expect(refused.body.error.message).toMatch(
          /delta: 1 needs \d+ more hosts|changed under \d+ attempts/,
        );
      }
      // The pool's free hosts allow at least two more.
      expect(landed.length).toBeGreaterThanOrEqual(2);
      expect(env.store().get(RAW_KEYS.md, NS, POOL)!.spec.replicas).toBe(
        2 + landed.length,
      );
      expect(landed.map(a => a.body.to).sort()).toEqual(
        landed.map((_, i) => 3 + i),
      );
      expectOneAuditEach(mark, 'pool-scale', n);
      expectClusterInvariants();
    },
  );
});

describe('a pool owned by a ClusterClass topology (seed: Cluster apps)', () => {
  const TOPO_MD = 'apps-md-0-h7k2w';
  const topologyReplicas = () =>
    env
      .store()
      .get(RAW_KEYS.cluster, NS, 'apps')!
      .spec.topology.workers.machineDeployments.find(
        (e: any) => e.name === 'md-0',
      ).replicas;

  it('2 concurrent remove-from-pool of apps-1: the topology shrinks by one, only apps-1 leaves', async () => {
    expect(topologyReplicas()).toBe(2);
    const machine = machineOfHost(env.store(), NS, 'apps-1').metadata.name;
    const other = machineOfHost(env.store(), NS, 'apps-0').metadata.name;
    const mark = env.audits.length;
    const answers = await Promise.all(
      [USERS.alice, USERS.bob].map(user =>
        env.api.post(hostAction('apps-1', 'remove-from-pool'), user),
      ),
    );
    expect(answers.map(a => a.status)).toEqual([200, 200]);
    expect(answers.filter(a => a.body.changed)).toHaveLength(1);
    expect(topologyReplicas()).toBe(1);
    await eventually(() => !env.store().get(RAW_KEYS.machine, NS, machine));
    expect(env.store().get(RAW_KEYS.machine, NS, other)).toBeDefined();
    // The topology controller never brings the old size back.
    expect(env.store().get(RAW_KEYS.md, NS, TOPO_MD)!.spec.replicas).toBe(1);
    expectOneAuditEach(mark, 'host-remove-from-pool', 2);
    expectClusterInvariants();
  });

  it('10 concurrent "replicas 2" through the REST API land in the topology', async () => {
    const mark = env.audits.length;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        env.api.post(
          `/pools/${CLUSTER}/${NS}/${TOPO_MD}/actions/scale`,
          userOf(i),
          { replicas: 2 },
        ),
      ),
    );
    expect(answers.map(a => a.status)).toEqual(answers.map(() => 200));
    expect(answers.filter(a => a.body.changed)).toHaveLength(1);
    expect(answers.every(a => a.body.via === 'topology')).toBe(true);
    expect(topologyReplicas()).toBe(2);
    await eventually(
      () => env.store().get(RAW_KEYS.md, NS, TOPO_MD)!.spec.replicas === 2,
    );
    expectOneAuditEach(mark, 'pool-scale', 10);
  });
});

describe('host operations', () => {
  it.each([
    [2, 'power-off', 'power-on'],
    [10, 'power-on', 'power-off'],
    [10, 'detach', 'attach'],
  ])(
    '%i concurrent %s: exactly one changes the host, the others answer already',
    async (n, action, undo) => {
      const host = 'worker-5';
      // From the opposite state, whatever earlier cases left.
      await env.api.post(hostAction(host, undo), USERS.alice);
      const mark = env.audits.length;
      const answers = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          env.api.post(hostAction(host, action), userOf(i)),
        ),
      );
      expect(answers.map(a => a.status)).toEqual(answers.map(() => 200));
      expect(answers.filter(a => a.body.changed)).toHaveLength(1);
      expectOneAuditEach(mark, `host-${action}`, n);
      expectClusterInvariants();
      await env.api.post(hostAction(host, 'attach'), USERS.alice);
    },
  );

  it('10 concurrent maintenance-on: one drain, every answer follows the same operation', async () => {
    const [member] = await env.poolOf(2);
    const node = machineOfHost(env.store(), NS, member).status.nodeRef.name;
    // A pod on the node, so the drain takes a poll round.
    env.store().create(
      { group: '', resource: 'pods' },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'app-0', namespace: NS },
        spec: { nodeName: node, containers: [{ name: 'app', image: 'app' }] },
      },
    );
    const mark = env.audits.length;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        env.api.post(hostAction(member, 'maintenance-on'), userOf(i)),
      ),
    );
    expect(answers.map(a => a.status)).toEqual(answers.map(() => 202));
    const ids = new Set(answers.map(a => a.body.operation.id));
    expect(ids.size).toBe(1);
    const [id] = ids;
    await eventually(
      async () =>
        (await env.api.get(`/operations/${id}`)).body.operation.state ===
        'succeeded',
    );
    expect(
      env.store().get(RAW_KEYS.node, undefined, node)!.spec.unschedulable,
    ).toBe(true);
    expectOneAuditEach(mark, 'host-maintenance-on', 10);
    expectClusterInvariants();
    await env.api.post(hostAction(member, 'maintenance-off'), USERS.alice);
  });
});
