/* eslint-disable no-console */
/**
 * Runbook checks at fleet scale: the lab with HOSTS extra hosts (default
 * 10,000), the cluster service synced, then one full evaluation of the
 * management cluster by the checks service. Prints the time of the
 * evaluation (cold: first one, warm: a second forced one), the longest
 * event-loop stall measured meanwhile (a 10 ms ticker: the evaluation must
 * not hold the loop), the size of what is kept, and the time of one host's
 * findings (live reads left out: no BMC service).
 *
 *   yarn workspace @metal3-fleet/plugin-metal3-node bench:checks   (HOSTS=10000)
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { startLab } from '@metal3-fleet/metal3-lab';
import { createOwnerResolver } from '@metal3-fleet/plugin-metal3-common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ChecksService, readChecksSettings } from '../src/checks';
import { DefaultMetal3ClusterService } from '../src/cluster';
import { ImageProbeService } from '../src/images';

const HOSTS = Number(process.env.HOSTS ?? 10_000);

/** The longest gap between 10 ms ticks while `work` runs, ms. */
async function maxStall<T>(work: () => Promise<T>) {
  let last = performance.now();
  let worst = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  clearInterval(ticker);
  return { result, ms, stallMs: Math.max(0, worst) };
}

it(`evaluates the runbook checks of ${HOSTS} hosts`, async () => {
  const lab = await startLab({
    stateDir: mkdtempSync(join(tmpdir(), 'lab-bench-checks-')),
    hosts: HOSTS,
    speed: 1,
  });
  const clusters = new DefaultMetal3ClusterService(
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
  try {
    await clusters.whenSynced(600_000);
    const hosts = clusters.getCluster('kube-dc-mgmt').list('baremetalhosts');
    const checks = new ChecksService({
      clusters,
      settings: readChecksSettings(new ConfigReader({})),
      images: new ImageProbeService({
        guard: { off: 'not probed in the benchmark' },
        timeoutMs: 1000,
        cacheSeconds: 300,
        maxInFlight: 8,
      }),
      ownerOf: createOwnerResolver({
        ownerKey: 'metal3.backstage.io/owner',
        defaultOwner: 'group:default/metal3-admins',
      }),
      logger: mockServices.logger.mock(),
    });
    const cold = await maxStall(() => checks.evaluate('kube-dc-mgmt'));
    const warm = await maxStall(() =>
      checks.evaluate('kube-dc-mgmt', { refresh: true }),
    );
    const kept = warm.result.shared.length;
    const host = hosts.find(h => h.namespace === 'bench')!;
    const page = await maxStall(() =>
      checks.hostFindings('kube-dc-mgmt', {
        namespace: host.namespace!,
        name: host.name,
      }),
    );
    const flags = await maxStall(() => checks.hostFlags('kube-dc-mgmt'));
    console.log(
      [
        `hosts in the cluster: ${hosts.length}`,
        `full evaluation, cold: ${cold.ms.toFixed(
          0,
        )} ms (longest event-loop stall ${cold.stallMs.toFixed(0)} ms)`,
        `full evaluation, warm: ${warm.ms.toFixed(
          0,
        )} ms (longest event-loop stall ${warm.stallMs.toFixed(0)} ms)`,
        `findings kept for pages other than a host's: ${kept}`,
        `one host's findings: ${page.ms.toFixed(0)} ms, ${
          page.result.findings.length
        } findings`,
        `fleet filter flags (kept evaluation): ${flags.ms.toFixed(1)} ms`,
        `heap used: ${Math.round(
          process.memoryUsage().heapUsed / 2 ** 20,
        )} MiB`,
      ].join('\n'),
    );
    // What an evaluation keeps does not grow with the fleet (see ChecksService).
    expect(kept).toBeLessThan(1000);
    checks.stop();
  } finally {
    clusters.stop();
    await lab.stop();
  }
});
