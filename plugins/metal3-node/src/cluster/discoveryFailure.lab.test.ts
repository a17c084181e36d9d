import { mockServices } from '@backstage/backend-test-utils';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterCache, ClusterChange } from './ClusterCache';
import { KubeApiError, KubeClient } from './kube';

/**
 * Discovery asks one API group after the other. When a later group fails
 * (an API server restarting, an aggregated API down), the start-up is
 * retried: it must not leave the informers of the groups that had answered
 * running beside the ones the retry starts, or every change arrives twice.
 */
jest.setTimeout(60_000);

const BMH = { group: 'metal3.io', resource: 'baremetalhosts' };

describe('a discovery that fails half-way', () => {
  let lab: RunningLab;
  let cache: ClusterCache;
  const changes: ClusterChange[] = [];
  const warnings: string[] = [];

  beforeAll(async () => {
    lab = await startLab({
      stateDir: mkdtempSync(join(tmpdir(), 'lab-discovery-')),
      speed: 0.0001,
    });
    // The third group's discovery fails once, as a 503 of the API server
    // would; everything else reaches the lab.
    const request = KubeClient.prototype.request;
    let failed = false;
    jest
      .spyOn(KubeClient.prototype, 'request')
      .mockImplementation(function fake(this: KubeClient, ...args) {
        if (!failed && args[1] === '/apis/infrastructure.cluster.x-k8s.io') {
          failed = true;
          return Promise.reject(
            new KubeApiError(
              503,
              'the server is currently unable to handle the request',
              'ServiceUnavailable',
            ),
          );
        }
        return request.apply(this, args);
      });
    const logger = mockServices.logger.mock();
    logger.warn.mockImplementation(message => {
      warnings.push(String(message));
    });
    logger.child.mockReturnValue(logger);
    cache = new ClusterCache({
      config: {
        name: 'kube-dc-mgmt',
        title: 'kube-dc-mgmt',
        authProvider: 'kubeconfig',
        kubeconfigFile: lab.kubeconfigPath,
        context: 'kube-dc-mgmt',
      },
      logger,
      onChange: change => changes.push(change),
      tuning: { retryDelayMs: 200 },
    });
    await cache.whenSynced();
  }, 60_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    cache?.stop();
    await lab?.stop();
  }, 30_000);

  it('retries, then lists and watches each resource once: every change arrives once', async () => {
    expect(warnings).toEqual([
      expect.stringContaining(
        'Cannot connect to cluster kube-dc-mgmt: the server is currently unable to handle the request',
      ),
    ]);
    expect(cache.health()).toMatchObject({ connected: true, synced: true });
    // Let every informer open its watch.
    await new Promise(resolve => setTimeout(resolve, 1000));

    const seeded = lab.clusters[0].store.list(BMH).length;
    const listed = changes.filter(c => c.resource === 'baremetalhosts');
    expect(listed.map(c => c.type)).toEqual(Array(seeded).fill('added'));

    lab.clusters[0].store.create(BMH, {
      apiVersion: 'metal3.io/v1alpha1',
      kind: 'BareMetalHost',
      metadata: { name: 'once', namespace: 'metal3' },
      spec: {
        online: false,
        bmc: { address: 'ipmi://127.0.0.1:6233', credentialsName: 'once-bmc' },
      },
    } as any);
    const deadline = Date.now() + 5000;
    while (
      !cache.get('baremetalhosts', 'metal3/once') &&
      Date.now() < deadline
    ) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    // A twin informer would publish its own copy a moment later.
    await new Promise(resolve => setTimeout(resolve, 500));
    // (The lab's baremetal-operator may update the new host meanwhile: one
    // event per resourceVersion, and one `added`.)
    const ofHost = changes.filter(c => c.key === 'metal3/once');
    expect(ofHost.filter(c => c.type === 'added')).toHaveLength(1);
    const versions = ofHost.map(c => (c.object as any).resourceVersion);
    expect(new Set(versions).size).toBe(versions.length);
  });
});
