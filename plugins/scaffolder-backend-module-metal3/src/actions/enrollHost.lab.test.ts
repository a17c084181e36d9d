import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import { DefaultMetal3ClusterService } from '@metal3-fleet/plugin-metal3-node';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEnrollHostAction } from './enrollHost';

const PASSWORD = 'sentinel-enroll-password-91ac';
const BMH = { group: 'metal3.io', resource: 'baremetalhosts' };
const SECRETS = { group: '', resource: 'secrets' };

describe('metal3:host:enroll against the lab', () => {
  let lab: RunningLab;
  let clusters: DefaultMetal3ClusterService;

  beforeAll(async () => {
    lab = await startLab({
      stateDir: mkdtempSync(join(tmpdir(), 'lab-')),
      speed: 100,
      // Hosts without an emulated BMC register with the lab's BMC password.
      bmcPassword: PASSWORD,
    });
    clusters = new DefaultMetal3ClusterService(
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
    await clusters.whenSynced(20_000);
  }, 30_000);

  afterAll(async () => {
    clusters.stop();
    await lab.stop();
  }, 30_000);

  const store = () => lab.clusters[0].store;
  const action = (fleetPath?: string) =>
    createEnrollHostAction({
      clusters,
      permissions: mockServices.permissions(),
      auditor: mockServices.auditor.mock(),
      fleetPath,
    });
  const input = {
    cluster: 'kube-dc-mgmt',
    namespace: 'metal3',
    name: 'worker-20',
    bmcAddress: 'redfish+https://127.100.0.40:8443/redfish/v1/Systems/1',
    bmcUsername: 'admin',
    bootMACAddress: '52:54:00:0A:00:20',
    labels: { pool: 'workers' },
  };

  it('dry run: the API server validates both objects and stores nothing', async () => {
    // The mock context has no dry-run option: set the flag the scaffolder sets.
    const ctx = {
      ...createMockActionContext({ input, secrets: { bmcPassword: PASSWORD } }),
      isDryRun: true,
    };
    await action().handler(ctx);
    expect(store().get(BMH, 'metal3', 'worker-20')).toBeUndefined();
    expect(
      store().get(SECRETS, 'metal3', 'worker-20-bmc-secret'),
    ).toBeUndefined();
  });

  it('creates the Secret and the host, and a re-run creates nothing more', async () => {
    const ctx = createMockActionContext({
      input,
      secrets: { bmcPassword: PASSWORD },
    });
    await action().handler(ctx);
    const host = store().get(BMH, 'metal3', 'worker-20');
    expect(host?.spec).toMatchObject({
      bootMACAddress: '52:54:00:0a:00:20',
      bmc: { credentialsName: 'worker-20-bmc-secret' },
    });
    const secret = store().get(SECRETS, 'metal3', 'worker-20-bmc-secret');
    expect(secret?.stringData ?? secret?.data).toBeDefined();
    expect(ctx.output).toHaveBeenCalledWith('created', true);
    expect(ctx.output).toHaveBeenCalledWith(
      'hostUrl',
      '/metal3/hosts/kube-dc-mgmt/metal3/worker-20',
    );

    // Metal3 (the lab's) registers and inspects it: the host becomes available.
    let state: string | undefined;
    for (let i = 0; i < 150 && state !== 'available'; i++) {
      await new Promise(r => setTimeout(r, 200));
      state = (store().get(BMH, 'metal3', 'worker-20') as any)?.status
        ?.provisioning?.state;
    }
    expect(state).toBe('available');

    const again = createMockActionContext({
      input,
      secrets: { bmcPassword: PASSWORD },
    });
    // In an app that mounts the fleet page at /fleet (metal3.fleetPath).
    await action('/fleet').handler(again);
    expect(again.output).toHaveBeenCalledWith('created', false);
    expect(again.output).toHaveBeenCalledWith(
      'hostUrl',
      '/fleet/hosts/kube-dc-mgmt/metal3/worker-20',
    );
    expect(
      store()
        .list(BMH)
        .filter(h => h.metadata.name === 'worker-20'),
    ).toHaveLength(1);
  }, 60_000);

  it('refuses a second host of the same name with another boot MAC, naming the field', async () => {
    const ctx = createMockActionContext({
      input: { ...input, bootMACAddress: '52:54:00:0a:00:99' },
      secrets: { bmcPassword: PASSWORD },
    });
    await expect(action().handler(ctx)).rejects.toThrow(
      'name: a BareMetalHost named worker-20 already exists',
    );
  });
});
