import { mockServices } from '@backstage/backend-test-utils';
import {
  MANAGED_BY_LABEL,
  MANAGED_BY_PORTAL,
  ROTATION_ANNOTATION,
} from '@metal3-fleet/plugin-metal3-node';
import {
  auditLog,
  eventually,
  Harness,
  KEYS,
  outputOf,
  recordingContext,
  secretValue,
  startHarness,
} from '../__testUtils__/labHarness';
import { createRotateCredentialsAction } from './rotateCredentials';

/**
 * metal3:host:rotate-credentials on the lab, whose baremetal-operator
 * registers a host again when its BMC Secret changes and reports a
 * registration error when the BMC refuses the credentials. Hosts without an
 * emulated BMC accept the lab's BMC password only; each case starts from a
 * Secret with a wrong password (the usual reason to rotate) or a right one.
 */
jest.setTimeout(120_000);

const PASSWORD = 'sentinel-rotation-password-3c9f';
const WRONG = 'sentinel-wrong-password-77b1';
const NS = 'metal3';
const CLUSTER = 'kube-dc-mgmt';

let h: Harness;
const store = () => h.lab.clusters[0].store;
const { auditor, records } = auditLog();
const action = () =>
  createRotateCredentialsAction({
    clusters: h.clusters,
    permissions: mockServices.permissions(),
    auditor,
  });

beforeAll(async () => {
  h = await startHarness({ speed: 100, bmcPassword: PASSWORD });
}, 60_000);

afterAll(async () => {
  await h?.stop();
}, 30_000);

/** A portal Secret and a host that registers against it (no emulated BMC: the lab's password works). */
async function enrolled(
  name: string,
  secret: string,
  password: string,
  address: number,
) {
  if (!store().get(KEYS.secret, NS, secret)) {
    store().create(KEYS.secret, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: secret,
        namespace: NS,
        labels: { [MANAGED_BY_LABEL]: MANAGED_BY_PORTAL },
      },
      data: {
        username: Buffer.from('admin').toString('base64'),
        password: Buffer.from(password).toString('base64'),
      },
    });
  }
  store().create(KEYS.bmh, {
    apiVersion: 'metal3.io/v1alpha1',
    kind: 'BareMetalHost',
    metadata: { name, namespace: NS },
    spec: {
      online: false,
      bootMACAddress: `52:54:00:0b:00:${address.toString(16).padStart(2, '0')}`,
      bmc: {
        address: `redfish+https://127.100.200.${address}/redfish/v1/Systems/1`,
        credentialsName: secret,
      },
    },
  });
  // Registered (or refused) by the lab's BMO before the test goes on.
  await eventually(() => {
    const status = (store().get(KEYS.bmh, NS, name) as any)?.status;
    return password === PASSWORD
      ? status?.goodCredentials?.credentials?.name === secret
      : status?.errorType === 'registration error';
  });
}

async function run(host: string, password: string) {
  const { ctx, logText } = recordingContext({
    input: { cluster: CLUSTER, namespace: NS, host, timeoutMinutes: 1 },
    secrets: { bmcPassword: password },
  });
  try {
    await action().handler(ctx);
    return { ctx, logText, error: undefined as Error | undefined };
  } catch (error) {
    return { ctx, logText, error: error as Error };
  }
}

const secretsOf = (prefix: string) =>
  store()
    .list(KEYS.secret, { namespace: NS })
    .map(s => s.metadata.name!)
    .filter(n => n.startsWith(prefix))
    .sort();

it('rotates once however often submitted: one new Secret, registered, the old one removed', async () => {
  await enrolled('rot-a', 'rot-a-bmc-secret', WRONG, 1);
  const mark = records.length;
  const [first, second] = await Promise.all([
    run('rot-a', PASSWORD),
    run('rot-a', PASSWORD),
  ]);
  expect([first.error, second.error]).toEqual([undefined, undefined]);
  expect(
    [outputOf(first.ctx, 'changed'), outputOf(second.ctx, 'changed')].sort(),
  ).toEqual([false, true]);
  const host = store().get(KEYS.bmh, NS, 'rot-a') as any;
  const now = host.spec.bmc.credentialsName;
  expect(outputOf(first.ctx, 'secret')).toBe(now);
  expect(outputOf(second.ctx, 'secret')).toBe(now);
  // The host registered with it and is out of its registration error.
  expect(host.status.goodCredentials.credentials.name).toBe(now);
  expect(host.status.errorType).toBeUndefined();
  expect(host.metadata.annotations?.[ROTATION_ANNOTATION]).toBeUndefined();
  // One Secret: the new one, the portal's; the old one is gone.
  expect(secretsOf('rot-a-')).toEqual([now]);
  const created = store().get(KEYS.secret, NS, now)!;
  expect(created.metadata.labels?.[MANAGED_BY_LABEL]).toBe(MANAGED_BY_PORTAL);
  expect(secretValue(created, 'username')).toBe('admin');
  const changed = [first, second].find(r => outputOf(r.ctx, 'changed'))!;
  expect(outputOf(changed.ctx, 'previousSecret')).toEqual({
    name: 'rot-a-bmc-secret',
    deleted: true,
    reason: 'no other BareMetalHost uses it and the portal created it',
  });
  // One audit record per run, one outcome each; no password anywhere.
  const audits = records
    .slice(mark)
    .filter(r => r.eventId === 'host-credentials-rotate');
  expect(audits.map(a => a.outcomes)).toEqual([['success'], ['success']]);
  for (const r of [first, second]) {
    expect(r.logText()).not.toContain(PASSWORD);
  }
  expect(JSON.stringify(records)).not.toContain(PASSWORD);
});

it('switches back and removes the new Secret when the BMC refuses the new password', async () => {
  await enrolled('rot-b', 'rot-b-bmc-secret', PASSWORD, 2);
  const mark = records.length;
  const { error, logText } = await run('rot-b', WRONG);
  expect(error?.name).toBe('InputError');
  expect(error?.message).toMatch(
    /^password: Metal3 could not register metal3\/rot-b with the new credentials \(.+\); the host uses Secret rot-b-bmc-secret again and Secret rot-b-bmc-[0-9a-f]{8} was removed$/,
  );
  const host = store().get(KEYS.bmh, NS, 'rot-b') as any;
  expect(host.spec.bmc.credentialsName).toBe('rot-b-bmc-secret');
  expect(host.metadata.annotations?.[ROTATION_ANNOTATION]).toBeUndefined();
  // Nothing half-done: only the old Secret, untouched.
  expect(secretsOf('rot-b-')).toEqual(['rot-b-bmc-secret']);
  expect(
    secretValue(store().get(KEYS.secret, NS, 'rot-b-bmc-secret'), 'password'),
  ).toBe(PASSWORD);
  // Metal3 registers it with the old Secret again.
  await eventually(() => {
    const status = (store().get(KEYS.bmh, NS, 'rot-b') as any).status;
    return (
      status.goodCredentials?.credentials?.name === 'rot-b-bmc-secret' &&
      status.errorType === undefined
    );
  });
  // The task log says what happened, without the password.
  expect(logText()).toContain(
    'switching metal3/rot-b back to rot-b-bmc-secret',
  );
  expect(logText()).toContain('Removed Secret metal3/rot-b-bmc-');
  expect(logText()).not.toContain(WRONG);
  expect(
    records
      .slice(mark)
      .filter(r => r.eventId === 'host-credentials-rotate')
      .map(a => a.outcomes),
  ).toEqual([['fail']]);
});

it('keeps an old Secret another host still uses', async () => {
  await enrolled('rot-s0', 'rack-z-credentials', WRONG, 3);
  await enrolled('rot-s1', 'rack-z-credentials', WRONG, 4);
  const { ctx, error } = await run('rot-s0', PASSWORD);
  expect(error).toBeUndefined();
  expect(outputOf(ctx, 'changed')).toBe(true);
  expect(outputOf(ctx, 'previousSecret')).toEqual({
    name: 'rack-z-credentials',
    deleted: false,
    reason: 'BareMetalHost metal3/rot-s1 still uses it',
  });
  expect(store().get(KEYS.secret, NS, 'rack-z-credentials')).toBeDefined();
  expect(
    (store().get(KEYS.bmh, NS, 'rot-s1') as any).spec.bmc.credentialsName,
  ).toBe('rack-z-credentials');
});

it('refuses a host that does not exist, naming the field, and needs the password secret', async () => {
  const missing = await run('no-such-host', PASSWORD);
  expect(missing.error?.message).toBe(
    'host: no BareMetalHost metal3/no-such-host',
  );
  const { ctx } = recordingContext({
    input: { cluster: CLUSTER, namespace: NS, host: 'rot-a' },
  });
  await expect(action().handler(ctx)).rejects.toThrow(
    'secrets.bmcPassword is required',
  );
});
