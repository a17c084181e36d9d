import { mockServices } from '@backstage/backend-test-utils';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient, loadKubeConfig } from './kube';
import { DefaultMetal3ClusterService } from './Metal3ClusterService';
import { NamespacedInformers } from './NamespacedInformers';
import { projectBareMetalHost } from './projections';

jest.setTimeout(30_000);

/**
 * The checks' own resources (ProviderNetworks, controller Deployments) are
 * optional: served, they are cached like the rest; not served, the cluster
 * stays healthy and the cache says why they are missing.
 */
describe("the checks' resources against the lab", () => {
  let lab: RunningLab;
  let service: DefaultMetal3ClusterService;
  const logger = mockServices.logger.mock();
  const config = () => ({
    name: 'kube-dc-mgmt',
    title: 'mgmt',
    authProvider: 'kubeconfig' as const,
    kubeconfigFile: lab.kubeconfigPath,
    context: 'kube-dc-mgmt',
  });

  beforeAll(async () => {
    lab = await startLab({
      stateDir: mkdtempSync(join(tmpdir(), 'lab-')),
      speed: 100,
    });
    service = new DefaultMetal3ClusterService([config()], logger);
    await service.whenSynced(20_000);
  }, 30_000);

  afterAll(async () => {
    service.stop();
    await lab.stop();
  }, 30_000);

  const eventually = async (check: () => boolean, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
      await new Promise(r => setTimeout(r, 50));
    }
  };

  it('caches the ProviderNetworks the lab seeds, with readyNodes from its simulation', async () => {
    const cache = service.getCluster('kube-dc-mgmt');
    await eventually(
      () => cache.availability('provider-networks').available === true,
    );
    const [trunk] = cache.list('provider-networks');
    expect(trunk).toMatchObject({
      name: 'trunk',
      defaultInterface: 'eno12399',
    });
    // The lab's Kube-OVN reports ready the nodes that have the NIC it names.
    await eventually(
      () => cache.list('provider-networks')[0].status !== undefined,
    );
    expect(cache.list('provider-networks')[0].status?.readyNodes).toEqual(
      expect.any(Array),
    );
  });

  it('says why Deployments are missing, without making the cluster unhealthy', async () => {
    const cache = service.getCluster('kube-dc-mgmt');
    const appsServed = await cache
      .client!.request('GET', '/apis/apps')
      .then(() => true)
      .catch(() => false);
    // A lab that seeds the controllers reads them per namespace; a lab
    // without apps/v1 (a real API server always serves it) says so.
    await eventually(
      () => !appsServed || cache.availability('deployments').available,
    );
    const availability = cache.availability('deployments');
    expect(availability.available ? 'served' : availability.reason).toBe(
      appsServed ? 'served' : 'the cluster serves no apps/v1 deployments',
    );
    const health = cache.health();
    expect(health.connected).toBe(true);
    expect(health.unavailable).not.toContain('deployments');
    expect(health.problem).toBeUndefined();
  });

  it('watches one resource in several namespaces as one collection', async () => {
    const client = await KubeClient.create({
      load: () => loadKubeConfig(config()),
      logger,
    });
    const informers = new NamespacedInformers<any>(
      ['metal3', 'no-such-namespace'],
      namespace => ({
        client,
        path: `/apis/metal3.io/v1alpha1/namespaces/${namespace}/baremetalhosts`,
        project: projectBareMetalHost,
        logger,
        onChange: () => undefined,
      }),
    );
    informers.start();
    try {
      await informers.whenSynced();
      const names = [...informers.values()].map(h => h.namespace);
      expect(names.length).toBeGreaterThan(10);
      expect(new Set(names)).toEqual(new Set(['metal3']));
      const first = [...informers.values()][0];
      expect(informers.get(`metal3/${first.name}`)).toBe(first);
      expect(informers.state).toMatchObject({ synced: true, failing: false });
      expect(Object.keys(informers.namespaceStates()).sort()).toEqual([
        'metal3',
        'no-such-namespace',
      ]);
    } finally {
      informers.stop();
    }
  });
});
