import https from 'node:https';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningLab, startLab } from '../startLab';
import { R } from '../resourceKeys';
import { eventually as poll } from '../testing/eventually';
import { SHARED_BMC_SECRET } from './sharedCredentials';
import { TOPOLOGY_POOL } from './topologyPool';

/**
 * The seeds that hide write bugs: two hosts on one BMC Secret, and a pool
 * whose replicas belong to a ClusterClass topology (a direct scale of its
 * MachineDeployment is reverted, as Cluster API's topology controller does).
 */
jest.setTimeout(60_000);

let lab: RunningLab;
const store = () => lab.clusters[0].store;
const NS = 'metal3';

beforeAll(async () => {
  lab = await startLab({
    stateDir: mkdtempSync(join(tmpdir(), 'lab-seed-')),
    speed: 600,
  });
});
afterAll(async () => {
  await lab?.stop();
});

const eventually = <T>(check: () => T | undefined | false) =>
  poll(check, {
    timeoutMs: 20_000,
    why: () =>
      [lab.clusters[0].capi.lastError, lab.clusters[0].bmo.lastError]
        .map(e => e?.message)
        .join('; ') || 'no controller error',
  });

/** A Redfish GET on a host's BMC with the credentials of a Secret: the HTTP status. */
function redfishStatus(address: string, username: string, password: string) {
  const url = `https://${address.split('://')[1]}`;
  return new Promise<number>((resolve, reject) => {
    https
      .get(
        url,
        { ca: lab.bmcs.caPem(), auth: `${username}:${password}` },
        res => {
          res.resume();
          resolve(res.statusCode!);
        },
      )
      .on('error', reject);
  });
}

describe('two hosts sharing one BMC credentials Secret', () => {
  const hosts = () =>
    ['shared-bmc-0', 'shared-bmc-1'].map(n => store().get(R.bmh, NS, n)!);

  it('are registered against their own emulated BMCs with the one Secret', async () => {
    const secret = store().get(R.secret, NS, SHARED_BMC_SECRET)!;
    const decode = (k: string) =>
      Buffer.from(
        (secret.data as Record<string, string>)[k],
        'base64',
      ).toString();
    const [a, b] = hosts();
    expect(a.spec.bmc.address).not.toBe(b.spec.bmc.address);
    for (const host of [a, b]) {
      expect(host.spec.bmc.credentialsName).toBe(SHARED_BMC_SECRET);
      expect(host.status.provisioning.state).toBe('available');
      expect(host.status.goodCredentials.credentials.name).toBe(
        SHARED_BMC_SECRET,
      );
      expect(
        await redfishStatus(
          host.spec.bmc.address,
          decode('username'),
          decode('password'),
        ),
      ).toBe(200);
    }
    expect(
      store()
        .list(R.secret, { namespace: NS })
        .filter(s => s.metadata.name === SHARED_BMC_SECRET),
    ).toHaveLength(1);
  });
});

describe('a changed shared BMC Secret', () => {
  const hosts = () =>
    ['shared-bmc-0', 'shared-bmc-1'].map(n => store().get(R.bmh, NS, n)!);

  it('registers both hosts again: a wrong password breaks both, the right one heals both', async () => {
    const secret = store().get(R.secret, NS, SHARED_BMC_SECRET)!;
    const good = (secret.data as Record<string, string>).password;
    store().update(R.secret, {
      ...secret,
      data: {
        ...(secret.data as object),
        password: Buffer.from('wrong').toString('base64'),
      },
    });
    await eventually(() =>
      hosts().every(
        h =>
          h.status.errorType === 'registration error' &&
          h.status.operationalStatus === 'error' &&
          // The state stays: BMO registers again without leaving it.
          h.status.provisioning.state === 'available',
      ),
    );
    const broken = store().get(R.secret, NS, SHARED_BMC_SECRET)!;
    store().update(R.secret, {
      ...broken,
      data: { ...(broken.data as object), password: good },
    });
    const healed = await eventually(() => {
      const both = hosts();
      return both.every(
        h => !h.status.errorType && h.status.operationalStatus === 'OK',
      )
        ? both
        : undefined;
    });
    const version = store().get(R.secret, NS, SHARED_BMC_SECRET)!.metadata
      .resourceVersion;
    for (const host of healed)
      expect(host.status.goodCredentials.credentialsVersion).toBe(version);
  });
});

describe('a worker pool owned by a ClusterClass topology', () => {
  const P = TOPOLOGY_POOL;
  const md = () => store().get(R.md, NS, P.machineDeployment)!;
  const cluster = () => store().get(R.cluster, NS, P.cluster)!;
  const members = () =>
    store()
      .list(R.machine, {
        namespace: NS,
        labelSelector: `cluster.x-k8s.io/deployment-name=${P.machineDeployment}`,
      })
      .filter(m => !m.metadata.deletionTimestamp);

  it('is seeded as the topology controller leaves it', () => {
    expect(store().get(R.clusterClass, NS, P.clusterClass)).toBeDefined();
    expect(cluster().spec.topology).toMatchObject({
      classRef: { name: P.clusterClass },
      version: 'v1.33.0',
      workers: {
        machineDeployments: [
          { class: P.workerClass, name: P.topologyName, replicas: 2 },
        ],
      },
    });
    expect(md().metadata.labels).toEqual({
      'topology.cluster.x-k8s.io/owned': '',
      'topology.cluster.x-k8s.io/deployment-name': P.topologyName,
      'cluster.x-k8s.io/cluster-name': P.cluster,
    });
    expect(md().metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'Cluster',
        name: P.cluster,
        uid: cluster().metadata.uid,
      }),
    ]);
    expect(md().spec.replicas).toBe(2);
    expect(
      members()
        .map(m => m.status.nodeRef.name)
        .sort(),
    ).toEqual(['apps-0', 'apps-1']);
    expect(store().get(R.bmh, NS, 'apps-2')!.status.provisioning.state).toBe(
      'available',
    );
  });

  it('reverts a scale written to its MachineDeployment at the next reconcile', async () => {
    const before = md();
    store().update(R.md, { ...before, spec: { ...before.spec, replicas: 3 } });
    await eventually(() => md().spec.replicas === 2);
    const events = store().list(R.event, { namespace: NS });
    expect(
      events.some(
        e =>
          e.reason === 'TopologyUpdate' &&
          e.message ===
            `Updated MachineDeployment "${NS}/${P.machineDeployment}"`,
      ),
    ).toBe(true);
    await eventually(() => members().length === 2);
  });

  it('scales through the topology: the third machine claims the free matching host', async () => {
    const current = cluster();
    current.spec.topology.workers.machineDeployments[0].replicas = 3;
    store().update(R.cluster, current);
    await eventually(() => md().spec.replicas === 3);
    await eventually(
      () =>
        store().get(R.bmh, NS, 'apps-2')!.status.provisioning.state ===
        'provisioned',
    );
    expect(members()).toHaveLength(3);
  });
});
