import https from 'node:https';
import { RunningApiServer, startApiServer } from '../kube/apiServer';
import { ObjectStore } from '../kube/ObjectStore';
import { admit } from '../admission/admission';
import { seedBootstrapPolicy } from './bootstrapPolicy';

/*
 * ServiceAccounts, TokenRequests and RBAC over HTTPS, as a client of the
 * lab's API server sees them: a token bound to its ServiceAccount that
 * reads discovery and nothing else until a binding grants more, changes of
 * the RBAC objects applied to the next request, and kube-apiserver's 401,
 * 403 and 422 answers.
 */

let server: RunningApiServer;
let store: ObjectStore;

function call(
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: any }> {
  return new Promise((done, failed) => {
    const req = https.request(
      `${server.url}${path}`,
      {
        method,
        ca: server.caPem,
        headers: {
          authorization: `Bearer ${options.token ?? server.token}`,
          'content-type': 'application/json',
        },
      },
      res => {
        let text = '';
        res.on('data', chunk => {
          text += chunk;
        });
        res.on('end', () =>
          done({ status: res.statusCode ?? 0, body: text && JSON.parse(text) }),
        );
      },
    );
    req.once('error', failed);
    req.end(
      options.body === undefined ? undefined : JSON.stringify(options.body),
    );
  });
}

const SA_PATH = '/api/v1/namespaces/portal/serviceaccounts';
const RBAC = '/apis/rbac.authorization.k8s.io/v1';

async function tokenFor(name: string, expirationSeconds?: number) {
  const answer = await call('POST', `${SA_PATH}/${name}/token`, {
    body: {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: { ...(expirationSeconds && { expirationSeconds }) },
    },
  });
  return answer;
}

beforeAll(async () => {
  store = new ObjectStore({ admit });
  for (const name of ['portal', 'metal3'])
    store.create(
      { group: '', resource: 'namespaces' },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
    );
  seedBootstrapPolicy(store);
  server = await startApiServer({ store, clusterName: 'test' });
  for (const name of ['robot', 'doomed']) {
    const created = await call('POST', SA_PATH, {
      body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } },
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  }
});

afterAll(async () => {
  await server.stop();
});

describe('TokenRequest (kubectl create token)', () => {
  it('issues a token with its expiry (default one hour)', async () => {
    const before = Date.now();
    const answer = await tokenFor('robot');
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      spec: {
        expirationSeconds: 3600,
        audiences: ['https://kubernetes.default.svc.cluster.local'],
      },
    });
    const expiry = Date.parse(answer.body.status.expirationTimestamp);
    expect(expiry - before).toBeGreaterThan(3590_000);
    expect(expiry - before).toBeLessThan(3610_000);
  });

  it('refuses less than ten minutes (422) and an unknown ServiceAccount (404)', async () => {
    const short = await tokenFor('robot', 60);
    expect(short.status).toBe(422);
    expect(short.body.message).toBe(
      'TokenRequest.authentication.k8s.io "robot" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
    );
    const missing = await tokenFor('nobody');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('serviceaccounts "nobody" not found');
  });

  it('a token stops working when its ServiceAccount is deleted, and a forged one never works (401)', async () => {
    const { body } = await tokenFor('doomed');
    const token = body.status.token;
    expect((await call('GET', '/version', { token })).status).toBe(200);
    await call('DELETE', `${SA_PATH}/doomed`);
    const refused = await call('GET', '/version', { token });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ reason: 'Unauthorized', code: 401 });
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    expect((await call('GET', '/version', { token: forged })).status).toBe(401);
  });
});

describe('RBAC over HTTPS', () => {
  let token: string;
  const user = 'system:serviceaccount:portal:robot';
  beforeAll(async () => {
    token = (await tokenFor('robot')).body.status.token;
  });

  it('a ServiceAccount without bindings reads discovery and version, nothing else', async () => {
    for (const path of [
      '/version',
      '/api',
      '/apis',
      '/api/v1',
      '/apis/metal3.io',
    ])
      expect([path, (await call('GET', path, { token })).status]).toEqual([
        path,
        200,
      ]);
    const list = await call('GET', '/apis/metal3.io/v1alpha1/baremetalhosts', {
      token,
    });
    expect(list.status).toBe(403);
    expect(list.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `baremetalhosts.metal3.io is forbidden: User "${user}" cannot list resource "baremetalhosts" in API group "metal3.io" at the cluster scope`,
      reason: 'Forbidden',
      details: { group: 'metal3.io', kind: 'baremetalhosts' },
      code: 403,
    });
    // Nor the lab's admin endpoints.
    const faults = await call('GET', '/lab/v1/faults', { token });
    expect(faults.status).toBe(403);
  });

  it('a RoleBinding grants in its namespace from the next request on, and its deletion takes it back', async () => {
    const secrets = '/api/v1/namespaces/metal3/secrets';
    expect((await call('GET', secrets, { token })).status).toBe(403);
    await call('POST', `${RBAC}/namespaces/metal3/roles`, {
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'secrets' },
        rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }],
      },
    });
    const bound = await call('POST', `${RBAC}/namespaces/metal3/rolebindings`, {
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'secrets' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Role',
          name: 'secrets',
        },
        subjects: [
          { kind: 'ServiceAccount', name: 'robot', namespace: 'portal' },
        ],
      },
    });
    expect(bound.status).toBe(201);
    expect((await call('GET', secrets, { token })).status).toBe(200);
    // Other namespaces and cluster-wide stay closed.
    const everywhere = await call('GET', '/api/v1/secrets', { token });
    expect(everywhere.body.message).toBe(
      `secrets is forbidden: User "${user}" cannot list resource "secrets" in API group "" at the cluster scope`,
    );
    await call('DELETE', `${RBAC}/namespaces/metal3/rolebindings/secrets`);
    expect((await call('GET', secrets, { token })).status).toBe(403);
  });

  it('validates RBAC objects as kube-apiserver: rules without verbs, a changed roleRef', async () => {
    const noVerbs = await call('POST', `${RBAC}/clusterroles`, {
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'no-verbs' },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: [] }],
      },
    });
    expect(noVerbs.status).toBe(422);
    expect(noVerbs.body.message).toContain(
      'rules[0].verbs: Required value: verbs must contain at least one value',
    );
    const crb = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'fixed' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'system:discovery',
      },
      subjects: [
        { kind: 'ServiceAccount', name: 'robot', namespace: 'portal' },
      ],
    };
    expect(
      (await call('POST', `${RBAC}/clusterrolebindings`, { body: crb })).status,
    ).toBe(201);
    const changed = await call('PUT', `${RBAC}/clusterrolebindings/fixed`, {
      body: { ...crb, roleRef: { ...crb.roleRef, name: 'cluster-admin' } },
    });
    expect(changed.status).toBe(422);
    expect(changed.body.message).toContain('cannot change roleRef');
  });

  it('refuses unknown fields under fieldValidation=Strict, as kubectl apply sends', async () => {
    const answer = await call(
      'POST',
      `${RBAC}/clusterroles?fieldValidation=Strict&dryRun=All`,
      {
        body: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          metadata: { name: 'typo' },
          rules: [{ apiGroups: [''], resources: ['pods'], verb: ['get'] }],
        },
      },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe(
      'ClusterRole in version "v1" cannot be handled as a ClusterRole: strict decoding error: unknown field "rules[0].verb"',
    );
  });

  it('nobody grants what they do not hold: escalate and bind, as kube-apiserver', async () => {
    // robot may manage RBAC objects, and itself read pods: nothing else.
    const admin = (path: string, body: object) => call('POST', path, { body });
    await admin(`${RBAC}/clusterroles`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'rbac-manager' },
      rules: [
        {
          apiGroups: ['rbac.authorization.k8s.io'],
          resources: ['clusterroles', 'clusterrolebindings'],
          verbs: ['create'],
        },
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
      ],
    });
    await admin(`${RBAC}/clusterrolebindings`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'rbac-manager' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'rbac-manager',
      },
      subjects: [
        { kind: 'ServiceAccount', name: 'robot', namespace: 'portal' },
      ],
    });
    const role = (name: string, rules: object[]) => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name },
      rules,
    });
    // What it holds, it may grant.
    const held = await call('POST', `${RBAC}/clusterroles`, {
      token,
      body: role('pod-reader', [
        { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      ]),
    });
    expect(held.status).toBe(201);
    // More than it holds: refused, naming what is missing.
    const more = await call('POST', `${RBAC}/clusterroles`, {
      token,
      body: role('node-killer', [
        { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
        { apiGroups: [''], resources: ['nodes'], verbs: ['delete', 'patch'] },
      ]),
    });
    expect(more.status).toBe(403);
    expect(more.body.message).toBe(
      `clusterroles.rbac.authorization.k8s.io "node-killer" is forbidden: user "${user}" (groups=["system:serviceaccounts" "system:serviceaccounts:portal" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["nodes"], Verbs:["delete" "patch"]}`,
    );
    // Binding a role it does not hold (cluster-admin) needs `bind` on it.
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'robot-admin' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'cluster-admin',
      },
      subjects: [
        { kind: 'ServiceAccount', name: 'robot', namespace: 'portal' },
      ],
    };
    const bound = await call('POST', `${RBAC}/clusterrolebindings`, {
      token,
      body: binding,
    });
    expect(bound.status).toBe(403);
    expect(bound.body.message).toContain(
      'is attempting to grant RBAC permissions not currently held',
    );
    // With `escalate` and `bind` granted, both go through.
    await admin(`${RBAC}/clusterroles`, {
      ...role('escalator', [
        {
          apiGroups: ['rbac.authorization.k8s.io'],
          resources: ['clusterroles'],
          verbs: ['escalate', 'bind'],
        },
      ]),
    });
    await admin(`${RBAC}/clusterrolebindings`, {
      ...binding,
      metadata: { name: 'escalator' },
      roleRef: { ...binding.roleRef, name: 'escalator' },
    });
    for (const [path, body] of [
      [
        `${RBAC}/clusterroles`,
        role('node-killer', [
          { apiGroups: [''], resources: ['nodes'], verbs: ['delete'] },
        ]),
      ],
      [`${RBAC}/clusterrolebindings`, binding],
    ] as const) {
      expect((await call('POST', path, { token, body })).status).toBe(201);
    }
  });
});
