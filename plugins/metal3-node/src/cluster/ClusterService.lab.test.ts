import { mockServices } from '@backstage/backend-test-utils';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setOnline } from '../operations';
import { ClusterChange } from './ClusterCache';
import { DefaultMetal3ClusterService } from './Metal3ClusterService';

// Outages and reconnects take seconds: give every case room.
jest.setTimeout(30_000);

/**
 * The cluster service against the lab over HTTPS: the same protocol a real
 * API server speaks (paged LIST, WATCH with bookmarks, 410, outages).
 */
describe('cluster service against the lab', () => {
  let lab: RunningLab;
  let service: DefaultMetal3ClusterService;
  const changes: ClusterChange[] = [];
  const BMH = { group: 'metal3.io', resource: 'baremetalhosts' };

  const eventually = async (check: () => boolean, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
      await new Promise(r => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    lab = await startLab({
      stateDir: mkdtempSync(join(tmpdir(), 'lab-')),
      speed: 100,
    });
    service = new DefaultMetal3ClusterService(
      lab.clusters.map(c => ({
        name: c.name,
        title: c.name,
        authProvider: 'kubeconfig' as const,
        kubeconfigFile: lab.kubeconfigPath,
        context: c.name,
      })),
      mockServices.logger.mock(),
    );
    service.subscribe(change => changes.push(change));
    await service.whenSynced(20_000);
  }, 30_000);

  afterAll(async () => {
    service.stop();
    await lab.stop();
  }, 30_000);

  const mgmt = () => service.getCluster('kube-dc-mgmt');
  const store = () => lab.clusters[0].store;
  const newHost = (name: string) => ({
    apiVersion: 'metal3.io/v1alpha1',
    kind: 'BareMetalHost',
    metadata: { name, namespace: 'metal3' },
    spec: {
      online: true,
      bmc: {
        address: 'ipmi://127.0.0.1:6230',
        credentialsName: `${name}-secret`,
      },
    },
  });

  it('lists the seeded fleet of both clusters, with CAPI v1beta2 from discovery', () => {
    expect(mgmt().list('baremetalhosts')).toHaveLength(17);
    expect(service.getCluster('edge-lab').list('baremetalhosts')).toHaveLength(
      3,
    );
    expect(
      mgmt()
        .list('machinedeployments')
        .map(m => m.name)
        .sort(),
    ).toEqual(['apps-md-0-h7k2w', 'kube-dc-workers']);
    expect(service.health()).toEqual([
      expect.objectContaining({
        name: 'kube-dc-mgmt',
        connected: true,
        synced: true,
        capiVersion: 'v1beta2',
      }),
      expect.objectContaining({
        name: 'edge-lab',
        connected: true,
        synced: true,
      }),
    ]);
  });

  it('sees a host created and deleted in the cluster through the watch', async () => {
    store().create(BMH, newHost('watch-0') as any);
    await eventually(() =>
      Boolean(mgmt().get('baremetalhosts', 'metal3/watch-0')),
    );
    expect(changes).toContainEqual(
      expect.objectContaining({ type: 'added', key: 'metal3/watch-0' }),
    );
    store().delete(BMH, 'metal3', 'watch-0');
    await eventually(() => !mgmt().get('baremetalhosts', 'metal3/watch-0'));
  });

  it('heals dropped watches by resuming', async () => {
    lab.clusters[0].server.dropWatches();
    store().create(BMH, newHost('after-drop') as any);
    await eventually(
      () => Boolean(mgmt().get('baremetalhosts', 'metal3/after-drop')),
      5000,
    );
    expect(mgmt().health().connected).toBe(true);
  });

  it('relists when its resourceVersion has expired (410)', async () => {
    store().compact();
    lab.clusters[0].server.dropWatches();
    store().create(BMH, newHost('after-compaction') as any);
    await eventually(
      () => Boolean(mgmt().get('baremetalhosts', 'metal3/after-compaction')),
      5000,
    );
    expect(mgmt().list('baremetalhosts').length).toBe(store().list(BMH).length);
  });

  it('serves the last data marked stale during an outage, and recovers by itself', async () => {
    const before = mgmt().list('baremetalhosts').length;
    lab.clusters[0].faults.unavailableUntil = Date.now() + 2500;
    await eventually(() => Boolean(mgmt().health().staleSince), 4000);
    expect(mgmt().health()).toMatchObject({
      connected: false,
      // The failing call names the reason: a LIST's Status message or a WATCH's HTTP status.
      lastError: expect.stringMatching(/unavailable/i),
    });
    expect(mgmt().list('baremetalhosts')).toHaveLength(before);
    store().create(BMH, newHost('after-outage') as any);
    await eventually(
      () =>
        mgmt().health().connected &&
        Boolean(mgmt().get('baremetalhosts', 'metal3/after-outage')),
      15_000,
    );
    expect(mgmt().health().staleSince).toBeUndefined();
  }, 25_000);

  it('powers a host off through spec.online, and the cache sees it off', async () => {
    await eventually(() => mgmt().health().connected, 15_000);
    const target = { cache: mgmt(), namespace: 'metal3', name: 'worker-2' };
    await expect(setOnline(target, false)).resolves.toMatchObject({
      changed: true,
    });
    await eventually(
      () =>
        mgmt().get('baremetalhosts', 'metal3/worker-2')?.poweredOn === false,
      3000,
    );
    await expect(setOnline(target, false)).resolves.toMatchObject({
      changed: false,
    });
  });
});
