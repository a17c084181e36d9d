import { mockServices } from '@backstage/backend-test-utils';
import {
  duplicateBootMacs,
  leavingMachines,
  machineOfHost,
  orphanPortalSecrets,
  poolMachines,
} from '@metal3-fleet/plugin-metal3-node/testUtils';
import {
  auditLog,
  eventually,
  Harness,
  KEYS,
  outputOf,
  recordingContext,
  startHarness,
} from '../__testUtils__/labHarness';
import { createCreatePoolAction } from './createPool';
import { createPoolExample } from './createPool.examples';
import { createEnrollBatchAction } from './enrollBatch';
import { createEnrollHostAction } from './enrollHost';
import { createRemoveHostAction } from './removeHost';
import { createScalePoolAction } from './scalePool';
import { createUpdateProviderNetworkAction } from './updateProviderNetwork';
import { createUpgradePoolAction } from './upgradePool';

/**
 * The concurrency suite of the scaffolder actions: 2 and 10 identical task
 * steps at once (a double submit, a retried task, two users), checked on the
 * cluster afterwards: replicas as requested, only named hosts leave, no
 * orphan Secret, no duplicate host, one audit record per run.
 */
jest.setTimeout(180_000);

const PASSWORD = 'sentinel-concurrency-password-6e0a';
const JOIN_TOKEN = 'sentinel-join-token-Kc0ncurr::server:77aa';
const NS = 'metal3';
const POOL = 'kube-dc-workers';
const CLUSTER = 'kube-dc-mgmt';

let h: Harness;
const store = () => h.lab.clusters[0].store;
const { auditor, records } = auditLog();
const options = () => ({
  clusters: h.clusters,
  permissions: mockServices.permissions(),
  auditor,
});
const deletedMachines: string[] = [];
const logs: string[] = [];

/** Runs one task step; resolves with its context, or with the error it threw. */
async function run(
  action: { handler(ctx: any): Promise<void> },
  input: object,
  secrets?: Record<string, string>,
) {
  const { ctx, logText } = recordingContext({ input, secrets });
  try {
    await action.handler(ctx);
    return { ctx, error: undefined as Error | undefined };
  } catch (error) {
    return { ctx, error: error as Error };
  } finally {
    logs.push(logText());
  }
}

/** Runs `n` copies of a step at once. */
const burst = (n: number, step: () => ReturnType<typeof run>) =>
  Promise.all(Array.from({ length: n }, step));

/** One record with one outcome per run of `eventId` since `mark`. */
function expectOneAuditEach(mark: number, eventId: string, runs: number) {
  const mine = records.slice(mark).filter(r => r.eventId === eventId);
  expect(mine).toHaveLength(runs);
  expect(mine.map(r => r.outcomes.length)).toEqual(mine.map(() => 1));
}

function expectClusterInvariants() {
  expect(orphanPortalSecrets(store())).toEqual([]);
  expect(duplicateBootMacs(store())).toEqual([]);
}

async function poolOf(replicas: number): Promise<string[]> {
  const md = store().get(KEYS.md, NS, POOL)!;
  if (md.spec.replicas !== replicas) {
    md.spec.replicas = replicas;
    delete md.metadata.resourceVersion;
    store().update(KEYS.md, md);
  }
  return eventually(() => {
    const machines = poolMachines(store(), NS, POOL).filter(
      m => !m.metadata.deletionTimestamp,
    );
    const hosts = machines.map(
      m => /^metal3:\/\/[^/]+\/([^/]+)\//.exec(m.spec.providerID ?? '')?.[1],
    );
    return machines.length === replicas &&
      hosts.every(Boolean) &&
      leavingMachines(store(), NS).length === 0
      ? (hosts as string[]).sort()
      : undefined;
  }, 60_000);
}

beforeAll(async () => {
  h = await startHarness({ speed: 600, bmcPassword: PASSWORD });
  store().create(KEYS.secret, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'rke2-join-token', namespace: NS },
    data: { token: Buffer.from(JOIN_TOKEN).toString('base64') },
  });
  store().subscribe(event => {
    if (event.type === 'DELETED' && event.key.resource === 'machines')
      deletedMachines.push(event.object.metadata.name!);
  });
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

describe('metal3:host:remove', () => {
  it.each([2, 10])(
    '%i concurrent runs for one member of a 3-replica pool: replicas 2, one run scaled, only that host leaves',
    async n => {
      const members = await poolOf(3);
      const target = members[1];
      const machine = machineOfHost(store(), NS, target).metadata.name;
      const deletedBefore = deletedMachines.length;
      const mark = records.length;
      const runs = await burst(n, () =>
        run(createRemoveHostAction(options()), {
          cluster: CLUSTER,
          namespace: NS,
          host: target,
          waitForRelease: false,
        }),
      );
      expect(runs.map(r => r.error)).toEqual(runs.map(() => undefined));
      const scaled = runs.filter(r => outputOf(r.ctx, 'leftPool') === true);
      expect(scaled).toHaveLength(1);
      expect(store().get(KEYS.md, NS, POOL)!.spec.replicas).toBe(2);
      expect(leavingMachines(store(), NS)).toEqual([machine]);
      await eventually(() => !store().get(KEYS.machine, NS, machine));
      expect(deletedMachines.slice(deletedBefore)).toEqual([machine]);
      expectOneAuditEach(mark, 'host-remove', n);
      expectClusterInvariants();
    },
  );
});

describe('metal3:pool:scale', () => {
  it.each([2, 10])(
    '%i concurrent runs of "scale to 3": the pool is at 3',
    async n => {
      await poolOf(2);
      const mark = records.length;
      const runs = await burst(n, () =>
        run(createScalePoolAction(options()), {
          cluster: CLUSTER,
          namespace: NS,
          pool: POOL,
          replicas: 3,
        }),
      );
      expect(runs.map(r => r.error)).toEqual(runs.map(() => undefined));
      expect(store().get(KEYS.md, NS, POOL)!.spec.replicas).toBe(3);
      expect(runs.map(r => outputOf(r.ctx, 'replicas'))).toEqual(
        runs.map(() => 3),
      );
      expectOneAuditEach(mark, 'pool-scale', n);
      await poolOf(2);
    },
  );
});

describe('a pool owned by a ClusterClass topology (seed: Cluster apps)', () => {
  const topologyReplicas = () =>
    store()
      .get(KEYS.cluster, NS, 'apps')!
      .spec.topology.workers.machineDeployments.find(
        (e: any) => e.name === 'md-0',
      ).replicas;

  it('2 concurrent metal3:host:remove of apps-0 shrink the topology by one; metal3:pool:scale brings it back through the topology', async () => {
    expect(topologyReplicas()).toBe(2);
    const machine = machineOfHost(store(), NS, 'apps-0').metadata.name;
    const runs = await burst(2, () =>
      run(createRemoveHostAction(options()), {
        cluster: CLUSTER,
        namespace: NS,
        host: 'apps-0',
        waitForRelease: false,
      }),
    );
    expect(runs.map(r => r.error)).toEqual([undefined, undefined]);
    expect(runs.filter(r => outputOf(r.ctx, 'leftPool'))).toHaveLength(1);
    expect(topologyReplicas()).toBe(1);
    await eventually(() => !store().get(KEYS.machine, NS, machine));

    const scaled = await burst(2, () =>
      run(createScalePoolAction(options()), {
        cluster: CLUSTER,
        namespace: NS,
        pool: 'apps-md-0-h7k2w',
        replicas: 2,
      }),
    );
    expect(scaled.map(r => r.error)).toEqual([undefined, undefined]);
    expect(topologyReplicas()).toBe(2);
    expect(logs.join('\n')).toContain(
      'through the Cluster topology (ClusterClass)',
    );
    await eventually(
      () => store().get(KEYS.md, NS, 'apps-md-0-h7k2w')!.spec.replicas === 2,
    );
  });
});

describe('metal3:host:enroll', () => {
  const input = (name: string, mac: string) => ({
    cluster: CLUSTER,
    namespace: NS,
    name,
    bmcAddress: `redfish+https://192.0.2.40/redfish/v1/Systems/${name}`,
    bmcUsername: 'admin',
    bootMACAddress: mac,
    online: false,
  });

  it.each([
    [2, 'double-0', '02:00:00:00:20:01'],
    [10, 'double-1', '02:00:00:00:20:02'],
  ])(
    '%i concurrent submits make one Secret (labelled) and one host',
    async (n, name, mac) => {
      const mark = records.length;
      const runs = await burst(n, () =>
        run(createEnrollHostAction(options()), input(name, mac), {
          bmcPassword: PASSWORD,
        }),
      );
      expect(runs.map(r => r.error)).toEqual(runs.map(() => undefined));
      expect(runs.filter(r => outputOf(r.ctx, 'created'))).toHaveLength(1);
      expect(
        store()
          .list(KEYS.bmh, { namespace: NS })
          .filter(b => b.metadata.name === name),
      ).toHaveLength(1);
      expect(
        store().get(KEYS.secret, NS, `${name}-bmc-secret`)!.metadata.labels,
      ).toMatchObject({ 'app.kubernetes.io/managed-by': 'backstage-metal3' });
      expectOneAuditEach(mark, 'host-enroll', n);
      expectClusterInvariants();
    },
  );

  it('refuses to reuse a Secret of that name with another password, naming it; useExistingSecret uses it', async () => {
    const refused = await run(
      createEnrollHostAction(options()),
      input('double-0', '02:00:00:00:20:01'),
      { bmcPassword: 'another-password' },
    );
    expect(refused.error?.message).toMatch(
      /^credentialsName: Secret metal3\/double-0-bmc-secret already exists with other credentials/,
    );
    const used = await run(
      createEnrollHostAction(options()),
      { ...input('double-0', '02:00:00:00:20:01'), useExistingSecret: true },
      { bmcPassword: 'another-password' },
    );
    expect(used.error).toBeUndefined();
    expect(outputOf(used.ctx, 'created')).toBe(false);
  });
});

describe('metal3:hosts:enroll-batch', () => {
  // A spreadsheet export: byte-order mark, CRLF, a quoted cell with commas
  // and a line break, a row with a bad MAC (row 2) that must leave nothing.
  const sheet = [
    '\uFEFFname,bmcAddress,username,bootMACAddress,labels',
    'sheet-01,redfish+https://192.0.2.51/redfish/v1/Systems/1,admin,02:00:00:00:30:01,"pool=sheet,rack=r1"',
    'sheet-02,redfish+https://192.0.2.52/redfish/v1/Systems/1,admin,02:00:00:00:30,pool=sheet',
    'sheet-03,redfish+https://192.0.2.53/redfish/v1/Systems/1,"ad,min",02:00:00:00:30:03,"pool=sheet,\nrack=r2"',
  ].join('\r\n');
  const batch = () =>
    run(
      createEnrollBatchAction(options()),
      {
        cluster: CLUSTER,
        namespace: NS,
        hosts: sheet,
        waitForInspection: false,
      },
      { bmcPassword: PASSWORD },
    );

  it('the same spreadsheet submitted twice at once: each good row enrolled once, the bad row named and left out', async () => {
    const mark = records.length;
    const runs = await Promise.all([batch(), batch()]);
    expect(runs.map(r => r.error)).toEqual([undefined, undefined]);
    for (const { ctx } of runs) {
      expect(outputOf(ctx, 'report')).toEqual([
        expect.objectContaining({ row: 1, name: 'sheet-01' }),
        expect.objectContaining({
          row: 2,
          name: 'sheet-02',
          status: 'invalid',
          field: 'bootMACAddress',
        }),
        expect.objectContaining({ row: 3, name: 'sheet-03' }),
      ]);
    }
    const created = runs.flatMap(r =>
      outputOf(r.ctx, 'report')
        .filter((l: any) => l.status === 'created')
        .map((l: any) => l.name),
    );
    expect(created.sort()).toEqual(['sheet-01', 'sheet-03']);
    const hosts = store()
      .list(KEYS.bmh, { namespace: NS })
      .filter(b => b.metadata.name!.startsWith('sheet-'));
    expect(hosts.map(b => b.metadata.name).sort()).toEqual([
      'sheet-01',
      'sheet-03',
    ]);
    const third = hosts.find(b => b.metadata.name === 'sheet-03')!;
    expect(third.metadata.labels).toMatchObject({ pool: 'sheet', rack: 'r2' });
    expect(store().get(KEYS.secret, NS, 'sheet-02-bmc-secret')).toBeUndefined();
    expectOneAuditEach(mark, 'host-enroll-batch', 2);
    expectClusterInvariants();
  });

  it('a re-submitted batch creates nothing more', async () => {
    const again = await batch();
    expect(
      outputOf(again.ctx, 'report')
        .filter((l: any) => l.name !== 'sheet-02')
        .map((l: any) => l.status),
    ).toEqual(['exists', 'exists']);
    expect(
      store()
        .list(KEYS.bmh, { namespace: NS })
        .filter(b => b.metadata.name!.startsWith('sheet-')),
    ).toHaveLength(2);
  });
});

describe('metal3:pool:create, upgrade and provider network', () => {
  const { waitForReady: _w, ...pool } = createPoolExample;

  it('two concurrent identical creations make one pool; a re-run creates nothing new', async () => {
    const mark = records.length;
    const runs = await burst(2, () =>
      run(createCreatePoolAction(options()), { ...pool, timeoutMinutes: 1 }),
    );
    expect(runs.map(r => r.error)).toEqual([undefined, undefined]);
    const uid = store().get(KEYS.md, NS, pool.name)!.metadata.uid;
    const again = await run(createCreatePoolAction(options()), pool);
    expect(again.error).toBeUndefined();
    expect(logs.at(-1)).toMatch(/already exists as requested/);
    expect(store().get(KEYS.md, NS, pool.name)!.metadata.uid).toBe(uid);
    expectOneAuditEach(mark, 'pool-create', 3);
    // A different pool of that name is someone else's: refused, naming it.
    const different = await run(createCreatePoolAction(options()), {
      ...pool,
      replicas: 0,
    });
    expect(different.error?.message).toMatch(
      /^name: MachineDeployment metal3\/gpu-workers already exists and differs \(spec\.replicas\)/,
    );
  });

  it('two concurrent identical upgrades make one template and one rollout; a repeat changes nothing', async () => {
    const before = store()
      .list(KEYS.m3mt, { namespace: NS })
      .map(t => t.metadata.name);
    const upgrade = {
      cluster: CLUSTER,
      namespace: NS,
      pool: POOL,
      image: {
        url: 'http://images.lab/ubuntu-24.04-v2.qcow2',
        checksum: 'http://images.lab/ubuntu-24.04-v2.qcow2.sha256sum',
        checksumType: 'sha256',
        format: 'qcow2',
      },
    };
    const mark = records.length;
    const runs = await burst(2, () =>
      run(createUpgradePoolAction(options()), upgrade),
    );
    expect(runs.map(r => r.error)).toEqual([undefined, undefined]);
    const after = store()
      .list(KEYS.m3mt, { namespace: NS })
      .map(t => t.metadata.name);
    const added = after.filter(n => !before.includes(n));
    expect(added).toHaveLength(1);
    expect(
      store().get(KEYS.md, NS, POOL)!.spec.template.spec.infrastructureRef.name,
    ).toBe(added[0]);
    expect(runs.filter(r => outputOf(r.ctx, 'changed'))).toHaveLength(1);
    const repeat = await run(createUpgradePoolAction(options()), upgrade);
    expect(repeat.error).toBeUndefined();
    expect(outputOf(repeat.ctx, 'changed')).toBe(false);
    expect(store().list(KEYS.m3mt, { namespace: NS })).toHaveLength(
      after.length,
    );
    expectOneAuditEach(mark, 'pool-upgrade', 3);
  });

  it('two concurrent provider-network updates for two pools both land', async () => {
    await poolOf(2);
    await eventually(() => store().get(KEYS.node, undefined, 'gpu-0'), 60_000);
    const update = (poolName: string) =>
      run(createUpdateProviderNetworkAction(options()), {
        cluster: CLUSTER,
        providerNetwork: 'trunk',
        namespace: NS,
        pool: poolName,
      });
    const runs = await Promise.all([update(POOL), update(pool.name)]);
    expect(runs.map(r => r.error)).toEqual([undefined, undefined]);
    const listed = (
      store().get(KEYS.providerNetwork, undefined, 'trunk')!.spec
        .customInterfaces ?? []
    ).flatMap((c: any) => c.nodes);
    for (const { ctx } of runs) {
      for (const { node } of outputOf(ctx, 'interfaces'))
        expect(listed).toContain(node);
    }
    expect(listed).toContain('gpu-0');
  });
});

describe('decommissioning', () => {
  it('keeps a BMC Secret another host still uses, saying which; deletes it with its last user', async () => {
    const enroll = await run(
      createEnrollHostAction(options()),
      {
        cluster: CLUSTER,
        namespace: NS,
        name: 'shared-a',
        bmcAddress: 'redfish+https://192.0.2.60/redfish/v1/Systems/a',
        bmcUsername: 'admin',
        bootMACAddress: '02:00:00:00:40:01',
        online: false,
      },
      { bmcPassword: PASSWORD },
    );
    expect(enroll.error).toBeUndefined();
    // A second host on the same chassis BMC credentials.
    store().create(KEYS.bmh, {
      apiVersion: 'metal3.io/v1alpha1',
      kind: 'BareMetalHost',
      metadata: { name: 'shared-b', namespace: NS },
      spec: {
        online: false,
        bootMACAddress: '02:00:00:00:40:02',
        bmc: {
          address: 'redfish+https://192.0.2.60/redfish/v1/Systems/b',
          credentialsName: 'shared-a-bmc-secret',
        },
      },
    });
    const decommission = (host: string) =>
      run(createRemoveHostAction(options()), {
        cluster: CLUSTER,
        namespace: NS,
        host,
        decommission: true,
        timeoutMinutes: 1,
      });
    await eventually(() =>
      h.clusters.getCluster(CLUSTER).get('baremetalhosts', `${NS}/shared-b`),
    );
    const first = await decommission('shared-a');
    expect(first.error).toBeUndefined();
    expect(store().get(KEYS.bmh, NS, 'shared-a')).toBeUndefined();
    expect(store().get(KEYS.secret, NS, 'shared-a-bmc-secret')).toBeDefined();
    expect(outputOf(first.ctx, 'bmcSecret')).toEqual({
      name: 'shared-a-bmc-secret',
      deleted: false,
      reason: 'BareMetalHost metal3/shared-b still uses it',
    });
    expect(logs.at(-1)).toContain(
      'Kept BMC Secret metal3/shared-a-bmc-secret: BareMetalHost metal3/shared-b still uses it',
    );
    const last = await decommission('shared-b');
    expect(last.error).toBeUndefined();
    expect(outputOf(last.ctx, 'bmcSecret')).toMatchObject({ deleted: true });
    expect(store().get(KEYS.secret, NS, 'shared-a-bmc-secret')).toBeUndefined();
    expectClusterInvariants();
  });
});

describe('decommissioning a seeded host that shares its Secret', () => {
  it('two concurrent decommissions of shared-bmc-0: the host goes, the Secret stays for shared-bmc-1, both runs say why', async () => {
    const runs = await burst(2, () =>
      run(createRemoveHostAction(options()), {
        cluster: CLUSTER,
        namespace: NS,
        host: 'shared-bmc-0',
        decommission: true,
        timeoutMinutes: 1,
      }),
    );
    expect(runs.map(r => r.error)).toEqual([undefined, undefined]);
    expect(store().get(KEYS.bmh, NS, 'shared-bmc-0')).toBeUndefined();
    expect(
      store().get(KEYS.secret, NS, 'shared-bmc-credentials'),
    ).toBeDefined();
    for (const { ctx } of runs) {
      expect(outputOf(ctx, 'bmcSecret')).toEqual({
        name: 'shared-bmc-credentials',
        deleted: false,
        reason: 'BareMetalHost metal3/shared-bmc-1 still uses it',
      });
    }
  });
});

describe('secrets', () => {
  it('never puts a BMC password or the join token in a task log', () => {
    const text = logs.join('\n');
    for (const secret of [PASSWORD, 'another-password', JOIN_TOKEN]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(Buffer.from(secret).toString('base64'));
    }
  });
});
