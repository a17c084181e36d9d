import { mockServices } from '@backstage/backend-test-utils';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setOnline } from '../operations';
import { KubeApiError } from './kube';
import { DefaultMetal3ClusterService } from './Metal3ClusterService';

/**
 * The lab throttles like API Priority and Fairness: every request answers
 * 429 with `Retry-After: 1` for as long as the fault lasts. The portal must
 * wait as asked (informers and writes alike), back off instead of sending
 * every requester's retry each second, and give up on a write only after a
 * bounded wait.
 */
jest.setTimeout(120_000);

const BMH = { group: 'metal3.io', resource: 'baremetalhosts' };

describe('a throttling API server (429, Retry-After)', () => {
  let lab: RunningLab;
  let service: DefaultMetal3ClusterService;
  const logs: { at: number; line: string }[] = [];

  const mgmt = () => service.getCluster('kube-dc-mgmt');
  const throttle = (seconds: number) => {
    lab.clusters[0].faults.throttledUntil = Date.now() + seconds * 1000;
  };
  const refusals = (since: number) =>
    logs.filter(l => l.at >= since && l.line.includes('throttled (429)'))
      .length;
  const eventually = async (check: () => boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  };
  const createHost = (name: string) =>
    lab.clusters[0].store.create(BMH, {
      apiVersion: 'metal3.io/v1alpha1',
      kind: 'BareMetalHost',
      metadata: { name, namespace: 'metal3' },
      spec: {
        online: false,
        bmc: {
          address: 'ipmi://127.0.0.1:6234',
          credentialsName: `${name}-bmc`,
        },
      },
    } as any);

  beforeAll(async () => {
    lab = await startLab({
      stateDir: mkdtempSync(join(tmpdir(), 'lab-throttle-')),
      speed: 0.0001,
    });
    const logger = mockServices.logger.mock();
    for (const level of ['debug', 'info', 'warn', 'error'] as const) {
      logger[level].mockImplementation(message => {
        logs.push({ at: Date.now(), line: `${level}: ${message}` });
      });
    }
    logger.child.mockReturnValue(logger);
    service = new DefaultMetal3ClusterService(
      [
        {
          name: 'kube-dc-mgmt',
          title: 'kube-dc-mgmt',
          authProvider: 'kubeconfig',
          kubeconfigFile: lab.kubeconfigPath,
          context: 'kube-dc-mgmt',
        },
      ],
      logger,
    );
    await service.whenSynced(30_000);
    // Let every informer open its watch.
    await new Promise(resolve => setTimeout(resolve, 1500));
  }, 60_000);

  afterAll(async () => {
    service?.stop();
    await lab?.stop();
  }, 30_000);

  it('waits out a 6 s throttle: the write lands after it, the informers resume unmarked, with a probe per hold instead of a retry per requester each second', async () => {
    const from = Date.now();
    throttle(6);
    // Ten informers reconnect into the throttle, and a write meets it too.
    lab.clusters[0].server.dropWatches();
    const stale: string[] = [];
    const watchHealth = setInterval(() => {
      const health = mgmt().health();
      if (health.staleSince || !health.connected)
        stale.push(JSON.stringify(health));
    }, 100);
    try {
      const result = await setOnline(
        { cache: mgmt(), namespace: 'metal3', name: 'worker-2' },
        false,
      );
      expect(result).toMatchObject({ changed: true });
      expect(Date.now() - from).toBeGreaterThanOrEqual(5900);

      createHost('after-throttle');
      await eventually(
        () => Boolean(mgmt().get('baremetalhosts', 'metal3/after-throttle')),
        10_000,
      );
    } finally {
      clearInterval(watchHealth);
    }
    expect(stale).toEqual([]);
    expect(
      logs.filter(l => l.at >= from && !/^(debug|info)/.test(l.line)),
    ).toEqual([]);
    // Eleven or more requesters met the throttle at once (the fleet's ten
    // watches, one write, and the runbook checks' optional lists when
    // they retry in that window); after that one probe per hold (1, 2,
    // 4 s): 14 to 18 refusals seen, where each requester retrying every
    // second as asked would make 66 and more.
    const refused = refusals(from);
    expect(refused).toBeGreaterThanOrEqual(11);
    expect(refused).toBeLessThanOrEqual(22);
  });

  it('gives up on a write after a bounded wait when the throttle lasts, says so in health, and recovers by itself', async () => {
    await eventually(() => mgmt().health().connected, 10_000);
    const from = Date.now();
    throttle(40);
    lab.clusters[0].server.dropWatches();

    const failure = await setOnline(
      { cache: mgmt(), namespace: 'metal3', name: 'worker-1' },
      false,
    ).then(
      () => undefined,
      (error: unknown) => error,
    );
    const waited = Date.now() - from;
    expect(failure).toBeInstanceOf(KubeApiError);
    expect(failure).toMatchObject({
      statusCode: 429,
      reason: 'TooManyRequests',
    });
    // Bounded: 30 s of waiting at most, not the 40 s the throttle lasts.
    expect(waited).toBeGreaterThan(10_000);
    expect(waited).toBeLessThanOrEqual(32_000);

    await eventually(
      () => mgmt().health().problem?.code === 'throttled',
      10_000,
    );
    expect(mgmt().health()).toMatchObject({
      connected: false,
      staleSince: expect.any(String),
      problem: { message: expect.stringContaining('429 Too Many Requests') },
    });

    // After the throttle, the portal comes back without a restart.
    await eventually(() => Date.now() - from > 40_000, 45_000);
    createHost('after-long-throttle');
    await eventually(
      () =>
        mgmt().health().connected &&
        !mgmt().health().problem &&
        Boolean(mgmt().get('baremetalhosts', 'metal3/after-long-throttle')),
      30_000,
    );
  }, 120_000);
});
