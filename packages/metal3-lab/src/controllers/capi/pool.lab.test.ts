import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningLab, startLab } from '../../startLab';
import { KubeObject } from '../../types';
import { R } from '../../resourceKeys';
import { eventually as poll } from '../../testing/eventually';

/**
 * The worker pool's life in the lab, through the store as the controllers
 * see it: IPAM allocations for new machines, a rolling update to a new
 * machine template, and MachineHealthCheck remediation by reboot up to its
 * retry limit, then replacement.
 */
jest.setTimeout(60_000);

let lab: RunningLab;
const store = () => lab.clusters[0].store;

beforeAll(async () => {
  lab = await startLab({
    stateDir: mkdtempSync(join(tmpdir(), 'lab-pool-')),
    speed: 600,
  });
});
afterAll(async () => {
  await lab?.stop();
});

/** Polls the lab; a timeout names the controllers' last error. */
const eventually = <T>(
  check: () => T | undefined | false,
  timeoutMs = 20_000,
) =>
  poll(check, {
    timeoutMs,
    why: () => lab.clusters[0].capi.lastError?.message ?? 'no controller error',
  });

const md = () => store().get(R.md, 'metal3', 'kube-dc-workers')!;
/** The pool's machines (the seed's topology pool `apps` has its own). */
const machines = () =>
  store()
    .list(R.machine, {
      namespace: 'metal3',
      labelSelector: 'cluster.x-k8s.io/deployment-name=kube-dc-workers',
    })
    .filter(m => !m.metadata.deletionTimestamp);

it('a new machine gets an address from the IPPool, and the pool status lists it', async () => {
  store().update(R.md, { ...md(), spec: { ...md().spec, replicas: 3 } });
  await eventually(() => md().status?.readyReplicas === 3);
  const addresses = store().list(R.ipAddress, { namespace: 'metal3' });
  expect(addresses).toHaveLength(1);
  expect(addresses[0].spec).toMatchObject({
    address: '10.10.1.10',
    pool: { name: 'kube-dc-workers-pool' },
    prefix: 24,
    gateway: '10.10.1.1',
  });
  const pool = store().get(R.ipPool, 'metal3', 'kube-dc-workers-pool')!;
  expect(Object.values(pool.status.indexes)).toEqual(['10.10.1.10']);
  const network = store().get(R.providerNetwork, undefined, 'trunk')!;
  expect(network.status.readyNodes).toEqual(
    expect.arrayContaining(['worker-0', 'worker-1']),
  );
});

it('rolls the pool out to a new machine template, one machine at a time (maxSurge 0, maxUnavailable 1)', async () => {
  const v1 = store().get(R.m3mt, 'metal3', 'kube-dc-workers-v1')!;
  const image = {
    ...v1.spec.template.spec.image,
    url: 'http://images.lab/ubuntu-24.04-rke2-v1.34.qcow2',
  };
  store().create(R.m3mt, {
    apiVersion: v1.apiVersion,
    kind: 'Metal3MachineTemplate',
    metadata: { name: 'kube-dc-workers-v2', namespace: 'metal3' },
    spec: { template: { spec: { ...v1.spec.template.spec, image } } },
  });
  const current = md();
  current.spec.template.spec.infrastructureRef = {
    ...current.spec.template.spec.infrastructureRef,
    name: 'kube-dc-workers-v2',
  };
  store().update(R.md, current);
  let fewestReady = 3;
  const done = await eventually(() => {
    fewestReady = Math.min(fewestReady, md().status?.readyReplicas ?? 0);
    const all = machines();
    const updated = all.filter(
      m =>
        m.spec.infrastructureRef &&
        store().get(R.m3m, 'metal3', m.spec.infrastructureRef.name)?.metadata
          .annotations?.['cluster.x-k8s.io/cloned-from-name'] ===
          'kube-dc-workers-v2',
    );
    return all.length === 3 &&
      updated.length === 3 &&
      md().status?.readyReplicas === 3 &&
      md().status?.upToDateReplicas === 3
      ? updated
      : undefined;
  }, 40_000);
  expect(done).toHaveLength(3);
  // maxUnavailable 1: never fewer than 2 ready machines during the rollout.
  expect(fewestReady).toBeGreaterThanOrEqual(2);
  const sets = store().list(R.ms, {
    namespace: 'metal3',
    labelSelector: 'cluster.x-k8s.io/deployment-name=kube-dc-workers',
  });
  expect(sets).toHaveLength(1);
  const hosts = store()
    .list(R.bmh, { namespace: 'metal3', labelSelector: 'pool=workers' })
    .filter(h => h.spec.consumerRef);
  for (const host of hosts)
    expect(host.status.provisioning.image.url).toBe(image.url);
});

it('remediates an unhealthy machine by reboot, then replaces it after the retry limit', async () => {
  const victim = machines()[0];
  const hostName = store()
    .get(R.m3m, 'metal3', victim.spec.infrastructureRef.name)!
    .spec.providerID.split('/')[3];
  const reboots: string[] = [];
  const unsubscribe = store().subscribe(event => {
    if (
      event.key.resource !== 'baremetalhosts' ||
      event.object.metadata.name !== hostName
    )
      return;
    const keys = Object.keys(event.object.metadata.annotations ?? {}).filter(
      k => k.startsWith('reboot.metal3.io/metal3-remediation-'),
    );
    if (keys.length && reboots[reboots.length - 1] !== 'held')
      reboots.push('held');
    if (!keys.length && reboots[reboots.length - 1] === 'held')
      reboots.push('released');
  });
  try {
    const latest = store().get(R.machine, 'metal3', victim.metadata.name!)!;
    store().update(R.machine, {
      ...latest,
      metadata: {
        ...latest.metadata,
        annotations: {
          ...latest.metadata.annotations,
          'cluster.x-k8s.io/remediate-machine': '',
        },
      },
    });
    const remediation = await eventually(() =>
      store().get(R.m3r, 'metal3', victim.metadata.name!),
    );
    expect(remediation.spec.strategy).toMatchObject({
      type: 'Reboot',
      retryLimit: 2,
    });
    await eventually(
      () => !store().get(R.machine, 'metal3', victim.metadata.name!),
    );
    const host: KubeObject = store().get(R.bmh, 'metal3', hostName)!;
    expect(Object.keys(host.metadata.annotations ?? {})).toContain(
      'capm3.metal3.io/unhealthy',
    );
    // Two reboots (retryLimit 2): held off and released twice.
    expect(reboots.filter(r => r === 'held').length).toBeGreaterThanOrEqual(2);
    await eventually(
      () => machines().length === 3 && md().status?.readyReplicas === 3,
    );
    expect(machines().map(m => m.metadata.name)).not.toContain(
      victim.metadata.name,
    );
  } finally {
    unsubscribe();
  }
});
