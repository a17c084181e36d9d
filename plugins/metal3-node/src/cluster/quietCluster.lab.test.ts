import { mockServices } from '@backstage/backend-test-utils';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterChange } from './ClusterCache';
import { DefaultMetal3ClusterService } from './Metal3ClusterService';

/**
 * A real API server sends a watch bookmark about once a minute and nothing
 * else while nothing changes. The lab does the same (its production-like
 * 60 s cadence) with its controllers standing still, for three minutes: the
 * cluster service must stay connected and fresh, with no stale marker and no
 * warning. client-node's own Watch cut such watches after 30 s and the
 * informers reported each cut as a failure.
 */
const QUIET_MS = 3 * 60_000;
jest.setTimeout(QUIET_MS + 90_000);

const BMH = { group: 'metal3.io', resource: 'baremetalhosts' };

describe('a quiet cluster', () => {
  let lab: RunningLab;
  const services: {
    name: string;
    service: DefaultMetal3ClusterService;
    warnings: string[];
    changes: ClusterChange[];
  }[] = [];

  beforeAll(async () => {
    lab = await startLab({
      stateDir: mkdtempSync(join(tmpdir(), 'lab-quiet-')),
      // Controllers stand still: nothing changes unless the test changes it.
      speed: 0.0001,
    });
    const clusters = lab.clusters.map(c => ({
      name: c.name,
      title: c.name,
      authProvider: 'kubeconfig' as const,
      kubeconfigFile: lab.kubeconfigPath,
      context: c.name,
    }));
    for (const [name, tuning] of [
      // As in production: watches of 5 to 10 minutes, longer than the test.
      ['production watch timeouts', undefined],
      // Watches the server closes every 20 to 40 s: each close must resume quietly.
      ['short watch timeouts', { informer: { minWatchTimeoutSeconds: 20 } }],
    ] as const) {
      const logger = mockServices.logger.mock();
      const warnings: string[] = [];
      logger.warn.mockImplementation(message => {
        warnings.push(String(message));
      });
      logger.error.mockImplementation(message => {
        warnings.push(String(message));
      });
      logger.child.mockReturnValue(logger);
      const service = new DefaultMetal3ClusterService(clusters, logger, tuning);
      const changes: ClusterChange[] = [];
      service.subscribe(change => changes.push(change));
      services.push({ name, service, warnings, changes });
    }
    await Promise.all(services.map(s => s.service.whenSynced(30_000)));
  }, 60_000);

  afterAll(async () => {
    services.forEach(s => s.service.stop());
    await lab?.stop();
  }, 30_000);

  it('stays connected and fresh for three minutes, with no sync warning, and still sees what changes next', async () => {
    for (const { service } of services) {
      expect(service.health().map(h => h.connected)).toEqual([true, true]);
    }
    const synced = services.map(s => s.changes.length);
    const staleSeen: string[] = [];
    const end = Date.now() + QUIET_MS;
    while (Date.now() < end) {
      for (const { name, service } of services) {
        for (const health of service.health()) {
          if (!health.connected || health.staleSince || health.problem) {
            staleSeen.push(`${name}: ${JSON.stringify(health)}`);
          }
        }
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
    expect(staleSeen).toEqual([]);
    expect(services.map(s => s.warnings)).toEqual([[], []]);
    // The lab really was quiet: the watches carried bookmarks only.
    expect(services.map(s => s.changes.length)).toEqual(synced);

    // Fresh, not just unmarked: a host created now reaches both caches.
    lab.clusters[0].store.create(BMH, {
      apiVersion: 'metal3.io/v1alpha1',
      kind: 'BareMetalHost',
      metadata: { name: 'after-the-quiet', namespace: 'metal3' },
      spec: {
        online: false,
        bmc: {
          address: 'ipmi://127.0.0.1:6231',
          credentialsName: 'after-the-quiet-bmc',
        },
      },
    } as any);
    const deadline = Date.now() + 5000;
    const seen = () =>
      services.every(({ service }) =>
        service
          .getCluster('kube-dc-mgmt')
          .get('baremetalhosts', 'metal3/after-the-quiet'),
      );
    while (!seen() && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    expect(seen()).toBeTruthy();
  });
});
