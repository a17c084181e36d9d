import {
  duplicateBootMacs,
  leavingMachines,
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
 * The bounded storm: three users send random writes for 60 s while the lab
 * injects 409 conflicts, 2 s of latency and dropped watches. Afterwards the
 * cluster holds exactly what the successful answers add up to, only Machines
 * someone named were deleted, every request has one audit record, and the
 * portal's view matches the cluster within 5 s.
 */
jest.setTimeout(240_000);

const PASSWORD = 'sentinel-storm-password-5b7e';
const STORM_MS = Number(process.env.STORM_SECONDS ?? 60) * 1000;
const DELETE_MACHINE = 'cluster.x-k8s.io/delete-machine';
/** Hosts outside the pool the storm powers and detaches. */
const LOOSE_HOSTS = ['gpu-0', 'storage-0', 'storage-1'];

let env: Awaited<ReturnType<typeof startLabBackend>>;

beforeAll(async () => {
  env = await startLabBackend({ bmcPassword: PASSWORD });
}, 90_000);

// Stopping the lab waits for the backend's watches: slow on a busy machine.
afterAll(async () => {
  await env?.stop();
}, 90_000);

type Sent = { event: string; status: number; body: any };

it('three users, 60 s of random writes under conflicts, latency and dropped watches: the invariants hold', async () => {
  await env.poolOf(3);
  const start = env.store().get(RAW_KEYS.md, NS, POOL)!.spec.replicas;
  const deleted: { name: string; claimed: boolean }[] = [];
  env.store().subscribe(event => {
    if (event.type === 'DELETED' && event.key.resource === 'machines') {
      const annotations = event.object.metadata.annotations ?? {};
      deleted.push({
        name: event.object.metadata.name!,
        claimed: String(annotations[DELETE_MACHINE] ?? '').startsWith(
          'backstage-metal3/',
        ),
      });
    }
  });
  const mark = env.audits.length;
  const faults = env.lab.clusters[0].faults;
  const sent: Sent[] = [];
  const deadline = Date.now() + STORM_MS;

  // The lab's faults over the storm: conflicts all along, 2 s latency in the
  // middle half, every open watch dropped every 10 s.
  const faultTimer = setInterval(() => {
    const elapsed = STORM_MS - (deadline - Date.now());
    faults.forcedConflicts = 5;
    faults.latencyMs =
      elapsed > STORM_MS / 4 && elapsed < (3 * STORM_MS) / 4 ? 2000 : undefined;
  }, 2_000);
  const dropTimer = setInterval(
    () => env.lab.clusters[0].server.dropWatches(),
    10_000,
  );

  const pick = <T>(items: T[]): T =>
    items[Math.floor(Math.random() * items.length)];
  const members = () =>
    poolMachines(env.store(), NS, POOL)
      .filter(
        m =>
          !m.metadata.deletionTimestamp &&
          !(DELETE_MACHINE in (m.metadata.annotations ?? {})),
      )
      .map(
        m => /^metal3:\/\/[^/]+\/([^/]+)\//.exec(m.spec.providerID ?? '')?.[1],
      )
      .filter((h): h is string => Boolean(h));

  async function user(header: string) {
    while (Date.now() < deadline) {
      const op = pick(['remove', 'scale', 'power', 'detach']);
      let event = '';
      let res: { status: number; body: any };
      if (op === 'remove' && members().length > 1) {
        event = 'host-remove-from-pool';
        res = await env.api.post(
          `/hosts/${CLUSTER}/${NS}/${pick(members())}/actions/remove-from-pool`,
          header,
        );
      } else if (op === 'scale' || op === 'remove') {
        event = 'pool-scale';
        res = await env.api.post(
          `/pools/${CLUSTER}/${NS}/${POOL}/actions/scale`,
          header,
          { delta: 1 },
        );
      } else {
        const action =
          op === 'power'
            ? pick(['power-on', 'power-off'])
            : pick(['detach', 'attach']);
        event = `host-${action}`;
        res = await env.api.post(
          `/hosts/${CLUSTER}/${NS}/${pick(LOOSE_HOSTS)}/actions/${action}`,
          header,
        );
      }
      sent.push({ event, status: res.status, body: res.body });
    }
  }

  try {
    await Promise.all([USERS.alice, USERS.bob, USERS.carol].map(user));
  } finally {
    clearInterval(faultTimer);
    clearInterval(dropTimer);
    faults.forcedConflicts = 0;
    faults.latencyMs = undefined;
  }

  // Every answer is a success or a clear refusal, never a server error.
  const statuses = [...new Set(sent.map(s => s.status))].sort();
  expect(statuses.filter(s => ![200, 400, 409].includes(s))).toEqual([]);
  for (const refused of sent.filter(s => s.status !== 200)) {
    expect(refused.body.error.message).toMatch(
      /changed under \d+ attempts|needs \d+ more hosts|not a member of a worker pool/,
    );
  }

  if (process.env.STORM_REPORT) {
    const count = (f: (s: Sent) => boolean) => sent.filter(f).length;
    // eslint-disable-next-line no-console
    console.log(
      `storm: ${sent.length} requests, ${count(
        s => s.status === 200,
      )} ok, ${count(s => s.status === 409)} conflicts, ${count(
        s => s.status === 400,
      )} refused (capacity)`,
    );
  }

  // Replicas: exactly what the successful answers add up to.
  const added = sent.filter(
    s => s.event === 'pool-scale' && s.status === 200 && s.body.changed,
  ).length;
  const removed = sent.filter(
    s => s.event === 'host-remove-from-pool' && s.body.changed === true,
  ).length;
  expect(sent.length).toBeGreaterThan(10);
  expect(env.store().get(RAW_KEYS.md, NS, POOL)!.spec.replicas).toBe(
    start + added - removed,
  );
  // Only Machines a removal claimed are gone or going; one claim per removal.
  expect(deleted.filter(d => !d.claimed)).toEqual([]);
  const claimed = new Set([
    ...deleted.map(d => d.name),
    ...leavingMachines(env.store(), NS),
  ]);
  expect(claimed.size).toBe(removed);
  expect(orphanPortalSecrets(env.store())).toEqual([]);
  expect(duplicateBootMacs(env.store())).toEqual([]);

  // One audit record with one outcome per request.
  for (const event of new Set(sent.map(s => s.event))) {
    const records = auditsSince(env.audits, mark, event);
    expect({
      event,
      records: records.length,
      outcomes: records.filter(r => r.outcomes.length === 1).length,
    }).toEqual({
      event,
      records: sent.filter(s => s.event === event).length,
      outcomes: sent.filter(s => s.event === event).length,
    });
  }

  // The portal's view catches up with the cluster within 5 s.
  const settledAt = Date.now();
  await eventually(async () => {
    const pools = (await env.api.get('/pools')).body.items ?? [];
    const pool = pools.find(
      (p: any) => p.name === POOL && p.cluster === CLUSTER,
    );
    const hosts = (
      (await env.api.get('/hosts?limit=500')).body.items ?? []
    ).filter((h: any) => h.cluster === CLUSTER);
    const stored = env.store().list(RAW_KEYS.bmh);
    return (
      pool?.desiredReplicas ===
        env.store().get(RAW_KEYS.md, NS, POOL)!.spec.replicas &&
      hosts.length === stored.length &&
      LOOSE_HOSTS.every(
        name =>
          hosts.find((h: any) => h.name === name && h.cluster === CLUSTER)
            ?.online ===
          Boolean(env.store().get(RAW_KEYS.bmh, NS, name)!.spec.online),
      )
    );
  }, 5_000);
  expect(Date.now() - settledAt).toBeLessThanOrEqual(5_000);
});
