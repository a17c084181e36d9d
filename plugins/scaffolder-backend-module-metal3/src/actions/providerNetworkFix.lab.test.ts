import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createOwnerResolver } from '@metal3-fleet/plugin-metal3-common';
import {
  ChecksService,
  ImageProbeService,
  readChecksSettings,
} from '@metal3-fleet/plugin-metal3-node';
import {
  Harness,
  recordingContext,
  startHarness,
} from '../__testUtils__/labHarness';
import { createUpdateProviderNetworkAction } from './updateProviderNetwork';

/**
 * The runbook check "worker's trunk NIC in the ProviderNetwork" offers the
 * provider-network template prefilled; running the action with exactly
 * those values must clear the problem (both use the same trunk NIC rule).
 */
jest.setTimeout(120_000);

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ speed: 100 });
}, 60_000);

afterAll(async () => {
  await h?.stop();
}, 30_000);

it('clears the NIC problem it was offered for, within 10 s', async () => {
  const checks = new ChecksService({
    clusters: h.clusters,
    settings: readChecksSettings(
      new ConfigReader({ metal3: { checks: { cacheSeconds: 0.2 } } }),
    ),
    images: new ImageProbeService({
      guard: { off: 'not probed in this test' },
      timeoutMs: 1000,
      cacheSeconds: 60,
      maxInFlight: 1,
    }),
    ownerOf: createOwnerResolver({
      ownerKey: 'metal3.backstage.io/owner',
      defaultOwner: 'group:default/metal3-admins',
    }),
    logger: mockServices.logger.mock(),
  });
  const host = { namespace: 'metal3', name: 'worker-0' };
  const nicFinding = async () =>
    (await checks.hostFindings('kube-dc-mgmt', host)).findings.find(
      f => f.check === 'network.trunk-nic-covered',
    )!;
  const before = await nicFinding();
  expect(before.outcome).toBe('problem');
  const template = before.outcome === 'problem' && before.fix.template;
  expect(template).toMatchObject({
    name: 'metal3-update-provider-network',
    action: 'metal3:provider-network:update',
  });

  // What the portal's template runs, with the values the fix prefilled.
  const { ctx } = recordingContext({ input: (template as any).values });
  await createUpdateProviderNetworkAction({
    clusters: h.clusters,
    permissions: mockServices.permissions(),
    auditor: mockServices.auditor.mock(),
  }).handler(ctx as any);

  const start = Date.now();
  let after = await nicFinding();
  while (after.outcome !== 'ok' && Date.now() - start < 10_000) {
    await new Promise(r => setTimeout(r, 200));
    after = await nicFinding();
  }
  expect(after.outcome).toBe('ok');
  expect(Date.now() - start).toBeLessThan(10_000);
  checks.stop();
});
