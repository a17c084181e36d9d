import { mockServices } from '@backstage/backend-test-utils';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultMetal3ClusterService } from '../cluster';
import {
  leavingMachines,
  machineOfHost,
  orphanPortalSecrets,
  poolMachines,
  RAW_KEYS,
} from '../testUtils';
import { releaseBmcSecret } from './bmcSecretRelease';
import { setOnline } from './hostOperations';
import { enrollHostWithSecret } from './hostEnrollment';
import { kubePaths } from './kubePaths';
import { MANAGED_BY_LABEL, MANAGED_BY_PORTAL } from './portalSecrets';
import { removeFromPool } from './removeFromPool';
import { changeReplicas, REPLICA_CHANGES_ANNOTATION } from './replicas';

/**
 * The write layer against the lab over HTTPS: concurrent identical writes,
 * injected conflicts, topology-owned pools, shared Secrets. The suites of
 * the REST API and the scaffolder actions run the same cases end to end.
 */
jest.setTimeout(90_000);

const NS = 'metal3';
const POOL = 'kube-dc-workers';
const PASSWORD = 'sentinel-layer-password-91d';

let lab: RunningLab;
let service: DefaultMetal3ClusterService;
const store = () => lab.clusters[0].store;
const cache = () => service.getCluster('kube-dc-mgmt');
const client = () => cache().client!;

async function eventually<T>(check: () => T | undefined | false, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 50));
  }
}

/** Scales the pool in the store and waits until every member runs on a host. */
async function poolOf(replicas: number): Promise<string[]> {
  const md = store().get(RAW_KEYS.md, NS, POOL)!;
  if (md.spec.replicas !== replicas) {
    md.spec.replicas = replicas;
    delete md.metadata.resourceVersion;
    store().update(RAW_KEYS.md, md);
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
  lab = await startLab({
    stateDir: mkdtempSync(join(tmpdir(), 'lab-writes-')),
    speed: 600,
    bmcPassword: PASSWORD,
  });
  service = new DefaultMetal3ClusterService(
    [
      {
        name: 'kube-dc-mgmt',
        title: 'mgmt',
        authProvider: 'kubeconfig',
        kubeconfigFile: lab.kubeconfigPath,
        context: 'kube-dc-mgmt',
      },
    ],
    mockServices.logger.mock(),
  );
  await service.whenSynced(20_000);
}, 60_000);

afterEach(() => {
  lab.clusters[0].faults.forcedConflicts = 0;
});

afterAll(async () => {
  service?.stop();
  await lab?.stop();
}, 30_000);

describe('removeFromPool', () => {
  it.each([2, 10])(
    '%i concurrent removals of one member of a 3-replica pool: one claims, the pool shrinks by one, only that host leaves',
    async n => {
      const members = await poolOf(3);
      const [target] = members;
      const machine = machineOfHost(store(), NS, target).metadata.name;
      const others = poolMachines(store(), NS, POOL)
        .map(m => m.metadata.name)
        .filter(m => m !== machine);

      const results = await Promise.all(
        Array.from({ length: n }, () =>
          removeFromPool({ cache: cache(), namespace: NS, name: target }),
        ),
      );

      expect(results.filter(r => r.changed)).toHaveLength(1);
      expect(results.filter(r => !r.changed)).toHaveLength(n - 1);
      for (const r of results.filter(x => !x.changed)) {
        expect(r.message).toMatch(/already leaving/);
      }
      expect(store().get(RAW_KEYS.md, NS, POOL)!.spec.replicas).toBe(2);
      expect(leavingMachines(store(), NS)).toEqual([machine]);
      // CAPI removes exactly the marked Machine; every other one stays.
      await eventually(() => !store().get(RAW_KEYS.machine, NS, machine));
      const remaining = poolMachines(store(), NS, POOL).map(
        m => m.metadata.name,
      );
      expect(remaining.sort()).toEqual(others.sort());
    },
  );

  it('withdraws its claim when the pool cannot be shrunk, so nothing is left marked', async () => {
    const [target] = await poolOf(2);
    const machine = machineOfHost(store(), NS, target).metadata.name;
    // A topology label naming a worker its Cluster does not have: the
    // shrink is refused after the claim was made.
    const md = store().get(RAW_KEYS.md, NS, POOL)!;
    md.metadata.labels = {
      ...md.metadata.labels,
      'topology.cluster.x-k8s.io/deployment-name': 'no-such-worker',
    };
    store().update(RAW_KEYS.md, md);
    try {
      await expect(
        removeFromPool({ cache: cache(), namespace: NS, name: target }),
      ).rejects.toThrow(/has no topology worker no-such-worker/);
      expect(
        store().get(RAW_KEYS.machine, NS, machine)!.metadata.annotations?.[
          'cluster.x-k8s.io/delete-machine'
        ],
      ).toBeUndefined();
      expect(store().get(RAW_KEYS.md, NS, POOL)!.spec.replicas).toBe(2);
    } finally {
      const back = store().get(RAW_KEYS.md, NS, POOL)!;
      delete back.metadata.labels!['topology.cluster.x-k8s.io/deployment-name'];
      store().update(RAW_KEYS.md, back);
    }
  });
});

describe('changeReplicas', () => {
  const v = 'v1beta2' as const;

  it('10 concurrent "+1" under 5 injected conflicts add exactly 10; 10 concurrent "to 2" leave 2', async () => {
    await poolOf(2);
    lab.clusters[0].faults.forcedConflicts = 5;
    const plus = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        changeReplicas({
          client: client(),
          capiVersion: v,
          namespace: NS,
          pool: POOL,
          request: { by: 1 },
        }),
      ),
    );
    const landed = plus.filter(p => p.status === 'fulfilled').length;
    // Bounded retries may refuse some, naming the conflict; none is lost.
    for (const p of plus.filter(x => x.status === 'rejected')) {
      expect((p as PromiseRejectedResult).reason.message).toMatch(
        /replicas of pool metal3\/kube-dc-workers changed under/,
      );
    }
    expect(landed).toBeGreaterThan(0);
    expect(store().get(RAW_KEYS.md, NS, POOL)!.spec.replicas).toBe(2 + landed);

    const to = await Promise.all(
      Array.from({ length: 10 }, () =>
        changeReplicas({
          client: client(),
          capiVersion: v,
          namespace: NS,
          pool: POOL,
          request: { to: 2 },
        }),
      ),
    );
    expect(store().get(RAW_KEYS.md, NS, POOL)!.spec.replicas).toBe(2);
    expect(to.filter(c => c.changed)).toHaveLength(1);
  });

  it('applies a keyed change once: a repeat after a lost answer finds its key', async () => {
    await poolOf(2);
    const change = {
      client: client(),
      capiVersion: v,
      namespace: NS,
      pool: POOL,
      request: { by: 1 },
      key: 'request-7f3a',
    };
    expect(await changeReplicas(change)).toMatchObject({
      from: 2,
      to: 3,
      changed: true,
    });
    expect(await changeReplicas(change)).toMatchObject({
      changed: false,
      alreadyRecorded: true,
    });
    const md = store().get(RAW_KEYS.md, NS, POOL)!;
    expect(md.spec.replicas).toBe(3);
    expect(md.metadata.annotations?.[REPLICA_CHANGES_ANNOTATION]).toContain(
      'request-7f3a',
    );
    await poolOf(2);
  });
});

describe('a pool owned by a ClusterClass topology (seed: Cluster apps)', () => {
  const TOPO_MD = 'apps-md-0-h7k2w';
  const topologyReplicas = () =>
    store()
      .get(RAW_KEYS.cluster, NS, 'apps')!
      .spec.topology.workers.machineDeployments.find(
        (e: any) => e.name === 'md-0',
      ).replicas;

  it('two concurrent removals of apps-0 shrink the topology by one; the MachineDeployment follows; only apps-0 leaves', async () => {
    expect(topologyReplicas()).toBe(2);
    const { name: machine, uid } = machineOfHost(
      store(),
      NS,
      'apps-0',
    ).metadata;
    const other = machineOfHost(store(), NS, 'apps-1').metadata.name;
    const results = await Promise.all(
      [1, 2].map(() =>
        removeFromPool({ cache: cache(), namespace: NS, name: 'apps-0' }),
      ),
    );
    expect(results.filter(r => r.changed)).toHaveLength(1);
    expect(results.find(r => r.changed)!.message).toMatch(
      /scaled from 2 to 1 through its Cluster topology/,
    );
    expect(topologyReplicas()).toBe(1);
    expect(
      store().get(RAW_KEYS.cluster, NS, 'apps')!.metadata.annotations?.[
        REPLICA_CHANGES_ANNOTATION
      ],
    ).toContain(uid);
    // The topology controller carries it to the MachineDeployment; CAPI
    // removes the marked Machine, never the other.
    await eventually(
      () => store().get(RAW_KEYS.md, NS, TOPO_MD)!.spec.replicas === 1,
    );
    await eventually(() => !store().get(RAW_KEYS.machine, NS, machine));
    expect(store().get(RAW_KEYS.machine, NS, other)).toBeDefined();
  });

  it('scales through Cluster.spec.topology, never the MachineDeployment it would revert', async () => {
    const change = await changeReplicas({
      client: client(),
      capiVersion: 'v1beta2',
      namespace: NS,
      pool: TOPO_MD,
      request: { to: 2 },
    });
    expect(change).toMatchObject({ from: 1, to: 2, via: 'topology' });
    expect(topologyReplicas()).toBe(2);
    await eventually(
      () => store().get(RAW_KEYS.md, NS, TOPO_MD)!.spec.replicas === 2,
    );
  });
});

describe('host operations', () => {
  it.each([true, false])(
    '10 concurrent power-%s requests under injected conflicts: exactly one answers changed',
    async online => {
      const host = store().get(RAW_KEYS.bmh, NS, 'worker-5')!;
      host.spec.online = !online;
      store().update(RAW_KEYS.bmh, host);
      lab.clusters[0].faults.forcedConflicts = 3;
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          setOnline(
            { cache: cache(), namespace: NS, name: 'worker-5' },
            online,
          ),
        ),
      );
      expect(results.filter(r => r.changed)).toHaveLength(1);
      expect(lab.clusters[0].faults.forcedConflicts).toBe(0);
      expect(store().get(RAW_KEYS.bmh, NS, 'worker-5')!.spec.online).toBe(
        online,
      );
    },
  );
});

describe('enrollHostWithSecret', () => {
  const log = () => {
    const lines: string[] = [];
    return {
      lines,
      info: (m: string) => lines.push(m),
      warn: (m: string) => lines.push(`WARN ${m}`),
    };
  };
  const manifests = (name: string, mac: string, password = PASSWORD) => ({
    secret: {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name: `${name}-bmc-secret`, namespace: NS },
      stringData: { username: 'admin', password },
    },
    host: {
      apiVersion: 'metal3.io/v1alpha1',
      kind: 'BareMetalHost',
      metadata: { name, namespace: NS },
      spec: {
        online: false,
        bootMACAddress: mac,
        bmc: {
          address: 'redfish+https://192.0.2.10/redfish/v1/Systems/1',
          credentialsName: `${name}-bmc-secret`,
        },
      },
    },
  });

  it('10 concurrent identical enrollments make one labelled Secret and one host', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        enrollHostWithSecret({
          client: client(),
          ...manifests('twin-0', '02:00:00:00:10:01'),
          log: log(),
        }),
      ),
    );
    expect(results.filter(r => r.host === 'created')).toHaveLength(1);
    expect(results.filter(r => r.secret === 'created')).toHaveLength(1);
    const secret = store().get(RAW_KEYS.secret, NS, 'twin-0-bmc-secret')!;
    expect(secret.metadata.labels?.[MANAGED_BY_LABEL]).toBe(MANAGED_BY_PORTAL);
    expect(
      store()
        .list(RAW_KEYS.bmh, { namespace: NS })
        .filter(h => h.metadata.name === 'twin-0'),
    ).toHaveLength(1);
  });

  it('refuses a Secret of that name with other credentials, naming it, unless told to use it', async () => {
    const other = manifests('twin-0', '02:00:00:00:10:01', 'another-password');
    await expect(
      enrollHostWithSecret({ client: client(), ...other, log: log() }),
    ).rejects.toThrow(
      'credentialsName: Secret metal3/twin-0-bmc-secret already exists with other credentials',
    );
    const used = await enrollHostWithSecret({
      client: client(),
      ...other,
      useExistingSecret: true,
      log: log(),
    });
    expect(used).toEqual({ host: 'exists', secret: 'existing' });
  });

  it.each([
    [
      'another boot MAC',
      () => manifests('twin-0', '02:00:00:00:10:99'),
      /name: a BareMetalHost named twin-0 already exists in metal3 with another boot MAC/,
    ],
    [
      'a webhook denial',
      () => {
        const m = manifests('refused-0', '02:00:00:00:10:02');
        (m.host.metadata as any).annotations = { 'inspect.metal3.io': 'now' };
        return m;
      },
      /denied the request: .*inspect\.metal3\.io/,
    ],
  ])(
    'removes the Secret it created when the host is refused (%s), and says so',
    async (_case, build, message) => {
      const m = build();
      m.secret.metadata.name = `${m.host.metadata.name}-fresh-bmc-secret`;
      m.host.spec.bmc.credentialsName = m.secret.metadata.name;
      const lines = log();
      await expect(
        enrollHostWithSecret({ client: client(), ...m, log: lines }),
      ).rejects.toThrow(message);
      expect(store().get(RAW_KEYS.secret, NS, m.secret.metadata.name)).toBe(
        undefined,
      );
      expect(lines.lines.join('\n')).toMatch(
        new RegExp(`Removed Secret metal3/${m.secret.metadata.name} again`),
      );
      expect(lines.lines.join('\n')).not.toContain(PASSWORD);
      expect(orphanPortalSecrets(store())).toEqual([]);
    },
  );
});

describe('releaseBmcSecret', () => {
  it('keeps a Secret another host uses and one the portal did not create; deletes its own unused one', async () => {
    // worker-2's seeded Secret, and a host sharing it.
    const shared = store().get(RAW_KEYS.bmh, NS, 'worker-2')!.spec.bmc
      .credentialsName;
    const secret = store().get(RAW_KEYS.secret, NS, shared)!;
    secret.metadata.labels = {
      ...secret.metadata.labels,
      [MANAGED_BY_LABEL]: MANAGED_BY_PORTAL,
    };
    store().update(RAW_KEYS.secret, secret);
    const users = await client().request('GET', kubePaths.bareMetalHost(NS));
    const sharing = users.items.find(
      (h: any) =>
        h.metadata.name !== 'worker-2' && h.spec.bmc.credentialsName === shared,
    );
    if (!sharing) {
      const twin = store().get(RAW_KEYS.bmh, NS, 'worker-3')!;
      twin.spec.bmc.credentialsName = shared;
      store().update(RAW_KEYS.bmh, twin);
    }
    const kept = await releaseBmcSecret(client(), {
      namespace: NS,
      name: shared,
      host: 'worker-2',
    });
    expect(kept).toMatchObject({ deleted: false });
    expect(kept.reason).toMatch(
      /BareMetalHost metal3\/worker-\d still uses it/,
    );
    expect(store().get(RAW_KEYS.secret, NS, shared)).toBeDefined();

    const foreign = store().get(RAW_KEYS.bmh, NS, 'gpu-0')!.spec.bmc
      .credentialsName;
    const notOurs = await releaseBmcSecret(client(), {
      namespace: NS,
      name: foreign,
      host: 'gpu-0',
    });
    expect(notOurs.deleted).toBe(false);
    expect(notOurs.reason).toMatch(/the portal did not create it/);
    expect(store().get(RAW_KEYS.secret, NS, foreign)).toBeDefined();

    const own = await releaseBmcSecret(client(), {
      namespace: NS,
      name: 'twin-0-bmc-secret',
      host: 'gone-host',
    });
    // twin-0 still uses it: kept.
    expect(own.deleted).toBe(false);
    store().delete(RAW_KEYS.bmh, NS, 'twin-0');
    const released = await releaseBmcSecret(client(), {
      namespace: NS,
      name: 'twin-0-bmc-secret',
      host: 'twin-0',
    });
    expect(released.deleted).toBe(true);
    expect(store().get(RAW_KEYS.secret, NS, 'twin-0-bmc-secret')).toBe(
      undefined,
    );
  });
});
