import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  DefinitivePolicyDecision,
  Permission,
} from '@backstage/plugin-permission-common';
import { metal3ClusterServiceRef } from '@metal3-fleet/plugin-metal3-node';
import request from 'supertest';
import { createFleet } from '../../__fixtures__/fleet';
import { metal3Plugin } from '../../plugin';

/**
 * Who may see and decide approvals, on the in-memory fleet (no API server:
 * the runs themselves are tested on the lab, approvals.lab.test.ts).
 */
const ADMIN = 'user:default/admin';
const APPROVER = 'user:default/approver';
const READER = 'user:default/reader';
const OUTSIDER = 'user:default/outsider';

function decide(
  credentials: BackstageCredentials,
  permission: Permission,
): DefinitivePolicyDecision {
  const principal = credentials.principal as any;
  if (principal?.type === 'service') return { result: AuthorizeResult.ALLOW };
  const user = principal?.userEntityRef;
  if (user === ADMIN || user === APPROVER)
    return { result: AuthorizeResult.ALLOW };
  if (user === READER && permission.attributes.action === 'read')
    return { result: AuthorizeResult.ALLOW };
  return { result: AuthorizeResult.DENY };
}

async function startBackend() {
  const audits: { eventId: string; outcome?: string; error?: string }[] = [];
  const { server } = await startTestBackend({
    features: [
      metal3Plugin,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://portal.test/' },
          metal3: {
            bmc: { allowedNetworks: ['192.0.2.0/24'] },
            approvals: {
              required: ['power-off', 'remove-from-pool', 'scale-down'],
            },
          },
        },
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.permissions.mock({
        authorize: async (requests, { credentials }) =>
          requests.map(({ permission }) => decide(credentials, permission)),
        authorizeConditional: async (requests, { credentials }) =>
          requests.map(({ permission }) =>
            decide(credentials, permission),
          ) as any,
      }).factory,
      mockServices.auditor.mock({
        createEvent: async ({ eventId }) => {
          const audit: (typeof audits)[number] = { eventId };
          audits.push(audit);
          return {
            success: async () => {
              audit.outcome = 'success';
            },
            fail: async ({ error }) => {
              audit.outcome = 'fail';
              audit.error = error.message;
            },
          };
        },
      }).factory,
      createServiceFactory({
        service: metal3ClusterServiceRef,
        deps: {},
        factory: () => createFleet(),
      }),
    ],
  });
  const as = (user: string) => mockCredentials.user.header(user);
  return {
    audits,
    post: (path: string, user: string, body: object = {}) =>
      request(server)
        .post(`/api/metal3${path}`)
        .set('Authorization', user)
        .send(body),
    get: (path: string, user: string) =>
      request(server).get(`/api/metal3${path}`).set('Authorization', user),
    as,
  };
}

const POWER_OFF = '/hosts/kube-dc-mgmt/metal3/worker-0/actions/power-off';

describe('approval routes', () => {
  it('turns a power-off of a provisioned host into a pending approval with a link (202), audited with it; a free host powers off at once', async () => {
    const api = await startBackend();
    const asked = await api.post(POWER_OFF, api.as(ADMIN));
    expect(asked.status).toBe(202);
    const { approval } = asked.body;
    expect(approval).toMatchObject({
      kind: 'power-off',
      title: 'Power off worker-0',
      state: 'pending',
      requestedBy: ADMIN,
      via: 'api',
      link: `http://portal.test/metal3/approvals/${approval.id}`,
      viewer: {
        mayDecide: false,
        reason:
          'You requested it: another person with metal3.approval.decide must decide',
      },
    });
    expect(api.audits).toContainEqual({
      eventId: 'host-power-off',
      outcome: 'success',
    });
    // spare-2 is not provisioned: nothing to lose, so no approval; the
    // in-memory fleet has no API server to write to (503).
    const free = await api.post(
      '/hosts/kube-dc-mgmt/metal3/spare-2/actions/power-off',
      api.as(ADMIN),
    );
    expect(free.status).toBe(503);
  });

  it('shows pending approvals to readers of the host, who may not decide (the button says why); approving without metal3.approval.decide is a 403, audited', async () => {
    const api = await startBackend();
    const { approval } = (await api.post(POWER_OFF, api.as(ADMIN))).body;

    const listed = await api.get('/approvals?state=pending', api.as(READER));
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: approval.id,
        viewer: {
          mayDecide: false,
          reason: 'Deciding needs the permission metal3.approval.decide',
        },
      }),
    ]);
    const approver = await api.get(
      `/approvals/${approval.id}`,
      api.as(APPROVER),
    );
    expect(approver.body.approval.viewer).toEqual({ mayDecide: true });

    const denied = await api.post(
      `/approvals/${approval.id}/approve`,
      api.as(READER),
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      'You are not allowed to metal3.approval.decide',
    );
    expect(api.audits).toContainEqual({
      eventId: 'approval-approve',
      outcome: 'fail',
      error: 'You are not allowed to metal3.approval.decide',
    });
    const still = await api.get(`/approvals/${approval.id}`, api.as(ADMIN));
    expect(still.body.approval.state).toBe('pending');
  });

  it('hides approvals from people who may not read their target; services do not decide; anonymous callers get 401', async () => {
    const api = await startBackend();
    const { approval } = (await api.post(POWER_OFF, api.as(ADMIN))).body;
    expect((await api.get('/approvals', api.as(OUTSIDER))).body.items).toEqual(
      [],
    );
    expect(
      (await api.get(`/approvals/${approval.id}`, api.as(OUTSIDER))).status,
    ).toBe(403);
    const service = await api.post(
      `/approvals/${approval.id}/approve`,
      mockCredentials.service.header(),
    );
    expect(service.status).toBe(403);
    expect(service.body.error.message).toBe(
      'Approvals are decided by people who signed in, not by services',
    );
    expect((await anonymousList(api)).status).toBe(401);
  });

  it('refuses a target given in part, naming the parameters', async () => {
    const api = await startBackend();
    const partial = await api.get(
      '/approvals?cluster=kube-dc-mgmt',
      api.as(ADMIN),
    );
    expect(partial.status).toBe(400);
    expect(partial.body.error.message).toBe(
      'cluster: give cluster, namespace and name together, or none of them',
    );
  });

  it('answers a template task whether its operation needs approval: not listed, not risky, or a pending approval it waits for', async () => {
    const api = await startBackend();
    const ask = (body: object) => api.post('/approvals', api.as(ADMIN), body);
    const pool = {
      cluster: 'kube-dc-mgmt',
      namespace: 'metal3',
      name: 'kube-dc-workers',
    };
    const upgrade = await ask({
      kind: 'pool-upgrade',
      target: pool,
      parameters: { kubernetesVersion: 'v1.34.0' },
      taskId: 'task-1',
    });
    expect(upgrade.body).toEqual({
      required: false,
      message:
        'pool-upgrade needs no approval (metal3.approvals.required does not list it)',
    });
    const scaleUp = await ask({
      kind: 'scale-down',
      target: pool,
      parameters: { replicas: 3 },
      taskId: 'task-1',
    });
    expect(scaleUp.body).toEqual({
      required: false,
      message: 'kube-dc-workers has 2 replicas: 3 is no scale-down',
    });
    const scaleDown = await ask({
      kind: 'scale-down',
      target: pool,
      parameters: { replicas: 1 },
      taskId: 'task-1',
    });
    expect(scaleDown.status).toBe(200);
    expect(scaleDown.body).toMatchObject({
      required: true,
      approval: {
        kind: 'scale-down',
        title: 'Scale down kube-dc-workers to 1',
        via: 'task',
        taskId: 'task-1',
        // The fixture's pool has 1 machine for 2 replicas: going to 1
        // deletes none, and the approver is told why.
        impact: {
          removing: 0,
          warnings: [
            'The pool is still changing size: 1 machine for 2 replicas',
          ],
        },
      },
    });
    // The same task asking again (a retried step) finds its request.
    const again = await ask({
      kind: 'scale-down',
      target: pool,
      parameters: { replicas: 1 },
      taskId: 'task-1',
    });
    expect(again.body.approval.id).toBe(scaleDown.body.approval.id);
    // A task names itself.
    const nameless = await ask({
      kind: 'scale-down',
      target: pool,
      parameters: { replicas: 1 },
    });
    expect(nameless.status).toBe(400);
    // And needs the operation's permission.
    const reader = await api.post('/approvals', api.as(READER), {
      kind: 'scale-down',
      target: pool,
      parameters: { replicas: 0 },
      taskId: 'task-2',
    });
    expect(reader.status).toBe(403);
  });
});

function anonymousList(api: { get: (p: string, u: string) => any }) {
  return api.get('/approvals', '');
}
