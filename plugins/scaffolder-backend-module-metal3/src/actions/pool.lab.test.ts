import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  eventually,
  Harness,
  KEYS,
  readTree,
  recordingAuditor,
  recordingContext,
  secretValue,
  startHarness,
  withCapiVersion,
} from '../__testUtils__/labHarness';
import { createCreatePoolAction } from './createPool';
import { createPoolExample } from './createPool.examples';
import { createRemoveHostAction } from './removeHost';
import { createRenderManifestsAction } from './renderManifests';
import { createScalePoolAction } from './scalePool';
import { createUpdateProviderNetworkAction } from './updateProviderNetwork';
import { createUpgradePoolAction } from './upgradePool';

/**
 * The pool actions through their handlers against the lab: the simulated
 * CAPI/CAPM3 and BMO controllers provision, release and clean hosts.
 */
jest.setTimeout(120_000);

const BMC_PASSWORD = 'sentinel-bmc-password-5f2e';
const JOIN_TOKEN = 'sentinel-join-token-K10abc::server:d41d8';
const NS = 'metal3';

let h: Harness;
const { auditor, records } = recordingAuditor();
const logs: string[] = [];
const outputs: unknown[] = [];
const store = () => h.lab.clusters[0].store;
const md = (name = 'kube-dc-workers') => store().get(KEYS.md, NS, name);
const options = () => ({
  clusters: h.clusters,
  permissions: mockServices.permissions(),
  auditor,
});

/** Runs an action handler with a recording context; keeps its logs and outputs for the leak scan. */
async function run(
  action: { handler(ctx: any): Promise<void> },
  input: object,
  extra: { dryRun?: boolean; secrets?: Record<string, string> } = {},
) {
  const { ctx, logText } = recordingContext({ input, ...extra });
  try {
    await action.handler(ctx);
  } finally {
    logs.push(logText());
    outputs.push(ctx.output.mock.calls);
  }
  return ctx;
}

beforeAll(async () => {
  h = await startHarness({ speed: 600, bmcPassword: BMC_PASSWORD });
  // The RKE2 join token lives in a Secret the operator created beforehand.
  store().create(KEYS.secret, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'rke2-join-token', namespace: NS },
    data: { token: Buffer.from(JOIN_TOKEN).toString('base64') },
  });
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

const scale = {
  cluster: 'kube-dc-mgmt',
  namespace: NS,
  pool: 'kube-dc-workers',
};

describe('metal3:pool:scale', () => {
  it('dry run: validated by the API server, replicas unchanged', async () => {
    const ctx = await run(
      createScalePoolAction(options()),
      { ...scale, replicas: 3 },
      { dryRun: true },
    );
    expect(md()!.spec.replicas).toBe(2);
    expect(ctx.output).toHaveBeenCalledWith('replicas', 3);
  });

  it.each([
    [
      { pool: 'no-such-pool', replicas: 3 },
      'pool: no MachineDeployment metal3/no-such-pool',
    ],
    [
      { replicas: 50 },
      /^replicas: 50 needs 48 more hosts but only \d available hosts match pool=workers/,
    ],
    [{ replicas: 3, maxReplicas: 2 }, 'replicas: 3 is above maxReplicas 2'],
    [{ replicas: 1, minReplicas: 2 }, 'replicas: 1 is below minReplicas 2'],
    [
      { cluster: 'nowhere', replicas: 3 },
      'cluster: no cluster named "nowhere"',
    ],
  ])('refuses %j naming the field, changing nothing', async (bad, message) => {
    await expect(
      run(createScalePoolAction(options()), { ...scale, ...bad }),
    ).rejects.toThrow(message);
    expect(md()!.spec.replicas).toBe(2);
  });

  it('refuses without the scale permission', async () => {
    const denied = createScalePoolAction({
      ...options(),
      permissions: mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(() => ({ result: AuthorizeResult.DENY })),
      }),
    });
    await expect(run(denied, { ...scale, replicas: 3 })).rejects.toThrow(
      'You are not allowed to metal3.pool.scale on kube-dc-mgmt/metal3/kube-dc-workers',
    );
  });

  it('2 → 3: a free host is provisioned and a new Node joins', async () => {
    const nodesBefore = store()
      .list(KEYS.node)
      .map(n => n.metadata.name);
    const ctx = await run(createScalePoolAction(options()), {
      ...scale,
      replicas: 3,
      waitForReady: true,
      timeoutMinutes: 1,
    });
    expect(md()!.spec.replicas).toBe(3);
    const nodes = store()
      .list(KEYS.node)
      .map(n => n.metadata.name);
    const joined = nodes.filter(n => !nodesBefore.includes(n));
    expect(joined).toHaveLength(1);
    // Any free worker host; never the paused one.
    expect(joined[0]).toMatch(/^worker-[2-57]$/);
    expect(ctx.output).toHaveBeenCalledWith('previousReplicas', 2);
    expect(ctx.output).toHaveBeenCalledWith(
      'poolUrl',
      '/metal3/pools/kube-dc-mgmt/metal3/kube-dc-workers',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/kube-dc-mgmt.metal3.kube-dc-workers',
    );
  });
});

describe('metal3:host:remove', () => {
  const machineOf = (host: string) =>
    store()
      .list(KEYS.machine, { namespace: NS })
      .find(m => String(m.spec.providerID ?? '').includes(`/${host}/`));

  it('dry run: nothing marked, nothing scaled', async () => {
    await run(
      createRemoveHostAction(options()),
      { cluster: 'kube-dc-mgmt', namespace: NS, host: 'worker-0' },
      { dryRun: true },
    );
    expect(
      machineOf('worker-0')?.metadata.annotations?.[
        'cluster.x-k8s.io/delete-machine'
      ],
    ).toBeUndefined();
    expect(md()!.spec.replicas).toBe(3);
  });

  it('refuses a host that is in no pool, naming the field', async () => {
    await expect(
      run(createRemoveHostAction(options()), {
        cluster: 'kube-dc-mgmt',
        namespace: NS,
        host: 'gpu-0',
      }),
    ).rejects.toThrow('host: gpu-0 is not a member of a worker pool');
    await expect(
      run(createRemoveHostAction(options()), {
        cluster: 'kube-dc-mgmt',
        namespace: NS,
        host: 'nobody',
      }),
    ).rejects.toThrow('host: no BareMetalHost metal3/nobody');
  });

  it('releases exactly that host: it is cleaned and available again, the pool one smaller', async () => {
    const others = store()
      .list(KEYS.machine, { namespace: NS })
      .filter(m => !String(m.spec.providerID ?? '').includes('/worker-0/'))
      .map(m => m.metadata.name);
    const ctx = await run(createRemoveHostAction(options()), {
      cluster: 'kube-dc-mgmt',
      namespace: NS,
      host: 'worker-0',
      timeoutMinutes: 1,
    });
    const host = store().get(KEYS.bmh, NS, 'worker-0')!;
    expect(host.spec.consumerRef).toBeUndefined();
    expect(host.status.provisioning.state).toBe('available');
    expect(md()!.spec.replicas).toBe(2);
    expect(machineOf('worker-0')).toBeUndefined();
    const remaining = store()
      .list(KEYS.machine, { namespace: NS })
      .map(m => m.metadata.name);
    expect(remaining.sort()).toEqual(others.sort());
    expect(ctx.output).toHaveBeenCalledWith('pool', 'kube-dc-workers');
  });

  it('decommissions a released host: detached and deleted; a BMC Secret the portal did not create is kept, saying why', async () => {
    const ctx = await run(createRemoveHostAction(options()), {
      cluster: 'kube-dc-mgmt',
      namespace: NS,
      host: 'worker-0',
      decommission: true,
      timeoutMinutes: 1,
    });
    expect(store().get(KEYS.bmh, NS, 'worker-0')).toBeUndefined();
    // Seeded, not enrolled through the portal: not ours to delete.
    expect(store().get(KEYS.secret, NS, 'worker-0-bmc-secret')).toBeDefined();
    expect(ctx.output).toHaveBeenCalledWith('bmcSecret', {
      name: 'worker-0-bmc-secret',
      deleted: false,
      reason: expect.stringMatching(/the portal did not create it/),
    });
  });
});

describe('metal3:pool:create', () => {
  const { waitForReady: _w, ...base } = createPoolExample;
  const objects = (name: string) => [
    store().get(KEYS.md, NS, name),
    store().get(KEYS.ipPool, NS, `${name}-pool`),
    store().get(KEYS.m3mt, NS, `${name}-v1`),
    store().get(KEYS.secret, NS, `${name}-userdata`),
    store().get(KEYS.mhc, NS, `${name}-mhc`),
  ];

  it('dry run: previews the matching hosts, creates nothing', async () => {
    const ctx = await run(createCreatePoolAction(options()), base, {
      dryRun: true,
    });
    expect(ctx.output).toHaveBeenCalledWith('matchingHosts', ['gpu-0']);
    expect(objects('gpu-workers').filter(Boolean)).toEqual([]);
  });

  it.each([
    [
      { nics: [{ macAddress: '52:54:00:zz:00:01', addressFromPool: true }] },
      'nics[0].macAddress',
    ],
    [
      { name: 'kube-dc-workers' },
      /^name: \w+ metal3\/kube-dc-workers\S* already exists and differs \(spec\.\w+/,
    ],
    [
      { replicas: 2 },
      'replicas: 2 servers requested but only 1 available hosts match',
    ],
    [{ clusterName: 'no-cluster' }, 'clusterName: no Cluster no-cluster'],
    [
      { join: { ...base.join, tokenSecretName: 'missing' } },
      'join.tokenSecretName: no Secret metal3/missing',
    ],
    [
      { join: { ...base.join, tokenSecretKey: 'nokey' } },
      'join.tokenSecretKey: Secret metal3/rke2-join-token has no key "nokey"',
    ],
  ])('refuses %j naming the field, creating nothing', async (bad, message) => {
    await expect(
      run(createCreatePoolAction(options()), { ...base, ...bad }),
    ).rejects.toThrow(message);
    expect(objects('gpu-workers').filter(Boolean)).toEqual([]);
  });

  it('creates the pool: its machine is provisioned on the matching host and joins', async () => {
    const ctx = await run(createCreatePoolAction(options()), {
      ...base,
      waitForReady: true,
      timeoutMinutes: 1,
    });
    expect(objects('gpu-workers').every(Boolean)).toBe(true);
    const host = store().get(KEYS.bmh, NS, 'gpu-0')!;
    expect(host.spec.consumerRef?.kind).toBe('Metal3Machine');
    expect(host.status.provisioning.state).toBe('provisioned');
    await eventually(() => store().get(KEYS.node, undefined, 'gpu-0'));
    // The token went where it belongs: the user-data Secret.
    const userData = store().get(KEYS.secret, NS, 'gpu-workers-userdata')!;
    expect(secretValue(userData, 'value')).toContain(JOIN_TOKEN);
    expect(ctx.output).toHaveBeenCalledWith(
      'objects',
      expect.arrayContaining(['MachineHealthCheck/gpu-workers-mhc']),
    );
  });

  it('writes v1beta1 objects to a cluster that serves v1beta1, stored and converted', async () => {
    const v1beta1 = createCreatePoolAction({
      ...options(),
      clusters: withCapiVersion(h.clusters, 'v1beta1'),
    });
    await run(v1beta1, {
      ...base,
      name: 'old-api',
      replicas: 0,
      hostSelector: { pool: 'old-api' },
      ipPool: {
        start: '10.10.3.10',
        end: '10.10.3.20',
        prefix: 24,
        gateway: '10.10.3.1',
      },
    });
    const stored = store().get(KEYS.md, NS, 'old-api')!;
    expect(stored.spec.rollout.strategy.rollingUpdate).toEqual({
      maxSurge: 0,
      maxUnavailable: 1,
    });
    expect(
      store().get(KEYS.mhc, NS, 'old-api-mhc')!.spec.checks
        .nodeStartupTimeoutSeconds,
    ).toBe(3600);
  });
});

describe('metal3:provider-network:update', () => {
  it("lists each node of the pool under its host's trunk NIC", async () => {
    const input = {
      cluster: 'kube-dc-mgmt',
      providerNetwork: 'trunk',
      namespace: NS,
      pool: 'gpu-workers',
    };
    await run(createUpdateProviderNetworkAction(options()), input, {
      dryRun: true,
    });
    expect(
      store().get(KEYS.providerNetwork, undefined, 'trunk')!.spec
        .customInterfaces,
    ).toEqual([{ interface: 'ens1f0', nodes: [] }]);
    const ctx = await run(createUpdateProviderNetworkAction(options()), input);
    // gpu-0's BMC reports ens1f1 down (0 Gb/s): the fastest free port is ens2f0.
    expect(ctx.output).toHaveBeenCalledWith('interfaces', [
      { node: 'gpu-0', interface: 'ens2f0' },
    ]);
    expect(
      store().get(KEYS.providerNetwork, undefined, 'trunk')!.spec
        .customInterfaces,
    ).toEqual([
      { interface: 'ens1f0', nodes: [] },
      { interface: 'ens2f0', nodes: ['gpu-0'] },
    ]);
  });
});

describe('metal3:pool:upgrade', () => {
  const image = {
    url: 'http://images.lab/ubuntu-24.04-rke2-v1.34.qcow2',
    checksum: 'http://images.lab/ubuntu-24.04-rke2-v1.34.qcow2.sha256sum',
    checksumType: 'sha256',
    format: 'qcow2',
  };

  it('rolls the pool to a new template; a dry run changes nothing', async () => {
    const input = { ...scale, image, kubernetesVersion: 'v1.34.1+rke2r1' };
    await run(createUpgradePoolAction(options()), input, { dryRun: true });
    expect(md()!.spec.template.spec.infrastructureRef.name).toBe(
      'kube-dc-workers-v1',
    );
    expect(store().get(KEYS.m3mt, NS, 'kube-dc-workers-v2')).toBeUndefined();

    const ctx = await run(createUpgradePoolAction(options()), {
      ...input,
      waitForRollout: true,
      timeoutMinutes: 1.5,
    });
    expect(ctx.output).toHaveBeenCalledWith(
      'templateName',
      'kube-dc-workers-v2',
    );
    expect(md()!.spec.template.spec).toMatchObject({
      version: 'v1.34.1+rke2r1',
      infrastructureRef: { name: 'kube-dc-workers-v2' },
    });
    expect(
      store().get(KEYS.m3mt, NS, 'kube-dc-workers-v2')!.spec.template.spec.image
        .diskFormat,
    ).toBe('qcow2');
  });
});

describe('secrets', () => {
  it('renders the join token only into the Secret manifest, and only when asked', async () => {
    const {
      waitForReady: _w,
      cluster: _c,
      namespace,
      ...pool
    } = createPoolExample;
    const without = await run(createRenderManifestsAction(), {
      what: 'pool',
      namespace,
      pool,
      targetPath: 'gitops',
    });
    expect(readTree(without.workspacePath)).not.toContain('kind: Secret');
    expect(readTree(without.workspacePath)).not.toContain(JOIN_TOKEN);
    const withSecrets = await run(
      createRenderManifestsAction(),
      {
        what: 'pool',
        namespace,
        pool,
        includeSecrets: true,
        targetPath: 'gitops',
      },
      { secrets: { joinToken: JOIN_TOKEN } },
    );
    const rendered = readTree(withSecrets.workspacePath);
    expect(rendered).toContain(JOIN_TOKEN);
    expect(rendered).toContain('kind: Secret');
  });

  it('never puts the BMC password or the join token in task logs, outputs or audit records', () => {
    const everything = JSON.stringify([logs, outputs, records]);
    expect(everything.length).toBeGreaterThan(1000);
    expect(everything).not.toContain(BMC_PASSWORD);
    expect(everything).not.toContain(JOIN_TOKEN);
  });
});
