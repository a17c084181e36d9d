import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { metal3HostPowerPermission } from '@metal3-fleet/plugin-metal3-common';
import {
  createMetal3HostConditionalDecision,
  metal3ClusterServiceRef,
  metal3HostConditions,
} from '@metal3-fleet/plugin-metal3-node';
import request from 'supertest';
import { createFleet } from './__fixtures__/fleet';
import { metal3Plugin } from './plugin';

const ADMIN = 'user:default/admin';
const READER = 'user:default/reader';
const TEAM_A_MEMBER = 'user:default/alice';

function decide(
  credentials: BackstageCredentials,
  permission: Permission,
): PolicyDecision {
  const user = (credentials.principal as any)?.userEntityRef;
  if (user === ADMIN) return { result: AuthorizeResult.ALLOW };
  if (user && permission.attributes.action === 'read')
    return { result: AuthorizeResult.ALLOW };
  if (user === TEAM_A_MEMBER && permission === metal3HostPowerPermission) {
    return createMetal3HostConditionalDecision(
      metal3HostPowerPermission,
      metal3HostConditions.isOwnedBy({ owners: ['group:default/team-a'] }),
    );
  }
  return { result: AuthorizeResult.DENY };
}

async function startBackend() {
  const fleet = createFleet();
  const auditEvents: { eventId: string; severityLevel?: string }[] = [];
  const { server } = await startTestBackend({
    features: [
      metal3Plugin,
      mockServices.rootConfig.factory({
        // Production-like: no lab, BMCs only in a documentation network.
        data: { metal3: { bmc: { allowedNetworks: ['192.0.2.0/24'] } } },
      }),
      // Callers without a token are nobody: the default mock would be a user.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      // The portal policy in miniature: admins may do everything, readers
      // read, members of team-a may power the hosts team-a owns.
      mockServices.permissions.mock({
        // Only basic permissions go through authorize here; a conditional
        // answer without a resource to evaluate it on is a denial.
        authorize: async (requests, { credentials }) =>
          requests.map(({ permission }) => {
            const decision = decide(credentials, permission);
            return decision.result === AuthorizeResult.CONDITIONAL
              ? { result: AuthorizeResult.DENY }
              : decision;
          }),
        authorizeConditional: async (requests, { credentials }) =>
          requests.map(({ permission }) =>
            decide(credentials, permission),
          ) as any,
      }).factory,
      mockServices.auditor.mock({
        createEvent: async options => {
          auditEvents.push(options);
          return { success: async () => {}, fail: async () => {} };
        },
      }).factory,
      createServiceFactory({
        service: metal3ClusterServiceRef,
        deps: {},
        factory: () => fleet,
      }),
    ],
  });
  return { server, auditEvents };
}

const as = (user: string) => mockCredentials.user.header(user);

/**
 * Each write endpoint. The in-memory fleet has no API server: past the
 * permission check, an operation's fresh read answers 503 naming the
 * cluster (the writes themselves are covered on the lab).
 */
const WRITES: [string, string, object][] = [
  ['power-on', 'worker-0', {}],
  ['power-off', 'spare-2', {}],
  ['reboot', 'worker-0', { mode: 'hard' }],
  ['inspect', 'spare-1', {}],
  ['detach', 'broken-3', {}],
  ['attach', 'spare-1', {}],
  ['maintenance-off', 'worker-0', {}],
  ['remove-from-pool', 'worker-0', {}],
];

describe('metal3 backend plugin', () => {
  describe('authorization matrix of the write endpoints', () => {
    it.each(WRITES)(
      '%s: 401 without a token, 403 for a reader, past the check for an admin, audited once each',
      async (action, host, body) => {
        const { server, auditEvents } = await startBackend();
        const url = `/api/metal3/hosts/kube-dc-mgmt/metal3/${host}/actions/${action}`;

        const anonymous = await request(server).post(url).send(body);
        expect(anonymous.status).toBe(401);

        const reader = await request(server)
          .post(url)
          .set('Authorization', as(READER))
          .send(body);
        expect(reader.status).toBe(403);
        expect(reader.body.error.message).toMatch(
          /not allowed to metal3\.host\./,
        );

        const admin = await request(server)
          .post(url)
          .set('Authorization', as(ADMIN))
          .send(body);
        expect(admin.status).toBe(503);
        expect(admin.body.error.message).toBe(
          'Cluster kube-dc-mgmt is not connected; try again when it is',
        );
        // The reader's denied attempt is audited as well as the admin's write.
        expect(auditEvents).toEqual([
          expect.objectContaining({ eventId: `host-${action}` }),
          expect.objectContaining({ eventId: `host-${action}` }),
        ]);
      },
    );
  });

  it('pool scale: 401 without a token, 403 for a reader, 400 naming the field for a bad body, audited once each', async () => {
    const { server, auditEvents } = await startBackend();
    const url =
      '/api/metal3/pools/kube-dc-mgmt/metal3/kube-dc-workers/actions/scale';
    expect((await request(server).post(url).send({ replicas: 3 })).status).toBe(
      401,
    );
    const reader = await request(server)
      .post(url)
      .set('Authorization', as(READER))
      .send({ replicas: 3 });
    expect(reader.status).toBe(403);
    expect(reader.body.error.message).toContain('metal3.pool.scale');
    const both = await request(server)
      .post(url)
      .set('Authorization', as(ADMIN))
      .send({ replicas: 3, delta: 1 });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toContain('replicas: give either');
    const admin = await request(server)
      .post(url)
      .set('Authorization', as(ADMIN))
      .send({ delta: 1 });
    expect(admin.status).toBe(503);
    expect(auditEvents.map(e => e.eventId)).toEqual([
      'pool-scale',
      'pool-scale',
      'pool-scale',
    ]);
  });

  it('checks the enroll permission for the BMC preflight: 401 / 403 / 200, audited', async () => {
    const { server, auditEvents } = await startBackend();
    const body = {
      address: 'ilo4://10.0.0.5',
      username: 'admin',
      password: 'p',
    };
    const anonymous = await request(server)
      .post('/api/metal3/bmc/preflight')
      .send(body);
    expect(anonymous.status).toBe(401);
    const reader = await request(server)
      .post('/api/metal3/bmc/preflight')
      .set('Authorization', as(READER))
      .send(body);
    expect(reader.status).toBe(403);
    expect(reader.body.error.message).toContain('metal3.host.enroll');
    const admin = await request(server)
      .post('/api/metal3/bmc/preflight')
      .set('Authorization', as(ADMIN))
      .send(body);
    expect(admin.status).toBe(200);
    // The address check fails (a scheme BMO removed); nothing is contacted.
    expect(admin.body.ok).toBe(false);
    expect(admin.body.checks[0]).toMatchObject({
      id: 'address',
      status: 'fail',
    });
    expect(
      admin.body.checks.slice(1).every((c: any) => c.status === 'skipped'),
    ).toBe(true);
    expect(auditEvents.filter(e => e.eventId === 'bmc-preflight')).toHaveLength(
      2,
    );
    const unknownField = await request(server)
      .post('/api/metal3/bmc/preflight')
      .set('Authorization', as(ADMIN))
      .send({ ...body, colour: 'red' });
    expect(unknownField.status).toBe(400);
  });

  it('lets a team power only the hosts it owns (conditional decision)', async () => {
    const { server } = await startBackend();
    const own = await request(server)
      .post('/api/metal3/hosts/kube-dc-mgmt/metal3/spare-2/actions/power-off')
      .set('Authorization', as(TEAM_A_MEMBER));
    // Allowed: it reaches the cluster (none in this in-memory fleet).
    expect(own.status).toBe(503);
    const other = await request(server)
      .post('/api/metal3/hosts/kube-dc-mgmt/metal3/worker-0/actions/power-on')
      .set('Authorization', as(TEAM_A_MEMBER));
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain('metal3.host.power');
    const manage = await request(server)
      .post('/api/metal3/hosts/kube-dc-mgmt/metal3/spare-2/actions/inspect')
      .set('Authorization', as(TEAM_A_MEMBER));
    expect(manage.status).toBe(403);
  });

  it('answers the permission backend for resource refs (usePermission in the frontend)', async () => {
    const { server } = await startBackend();
    const condition = (resourceRef: string) => ({
      id: resourceRef,
      resourceRef,
      resourceType: 'metal3-host',
      conditions: {
        rule: 'IS_OWNED_BY',
        resourceType: 'metal3-host',
        params: { owners: ['group:default/team-a'] },
      },
    });
    const res = await request(server)
      .post('/api/metal3/.well-known/backstage/permissions/apply-conditions')
      .set('Authorization', mockCredentials.service.header())
      .send({
        items: [
          condition('kube-dc-mgmt/metal3/spare-2'),
          condition('kube-dc-mgmt/metal3/worker-0'),
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.result)).toEqual([
      AuthorizeResult.ALLOW,
      AuthorizeResult.DENY,
    ]);
  });

  it('rejects query parameters the OpenAPI spec does not allow, naming them', async () => {
    const { server } = await startBackend();
    const unknown = await request(server)
      .get('/api/metal3/hosts')
      .query({ colour: 'red' })
      .set('Authorization', as(READER));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('colour');
    const badSort = await request(server)
      .get('/api/metal3/hosts')
      .query({ sort: 'price' })
      .set('Authorization', as(READER));
    expect(badSort.status).toBe(400);
    expect(badSort.body.error.message).toContain('sort');
    const badMode = await request(server)
      .post('/api/metal3/hosts/kube-dc-mgmt/metal3/worker-0/actions/reboot')
      .send({ mode: 'violent' })
      .set('Authorization', as(ADMIN));
    expect(badMode.status).toBe(400);
    expect(badMode.body.error.message).toContain('mode');
  });

  it('runs maintenance-on in the background and lets the caller follow it', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .post(
        '/api/metal3/hosts/kube-dc-mgmt/metal3/worker-0/actions/maintenance-on',
      )
      .set('Authorization', as(ADMIN));
    expect(res.status).toBe(202);
    const op = await request(server)
      .get(`/api/metal3/operations/${res.body.operation.id}`)
      .set('Authorization', as(READER));
    expect(op.status).toBe(200);
    expect(op.body.operation).toMatchObject({
      action: 'maintenance-on',
      target: { name: 'worker-0' },
    });
  });

  it('rejects an unknown action naming the field', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .post('/api/metal3/hosts/kube-dc-mgmt/metal3/worker-0/actions/explode')
      .set('Authorization', as(ADMIN));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'request/params/action must be equal to one of the allowed values: power-on',
    );
  });

  it('lists, filters, facets and pages hosts across clusters', async () => {
    const { server } = await startBackend();
    const all = await request(server)
      .get('/api/metal3/hosts')
      .set('Authorization', as(READER));
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(5);
    expect(all.body.facets.cluster).toEqual({
      'kube-dc-mgmt': 4,
      'edge-lab': 1,
    });
    expect(all.body.facets.status).toMatchObject({
      available: 3,
      provisioned: 1,
      error: 1,
    });

    const filtered = await request(server)
      .get('/api/metal3/hosts')
      .query({ q: 'status:available -hpe', sort: '-name', limit: 1 })
      .set('Authorization', as(READER));
    expect(filtered.body.total).toBe(2);
    expect(filtered.body.items.map((h: any) => h.name)).toEqual(['spare-1']);
    const next = await request(server)
      .get('/api/metal3/hosts')
      .query({
        q: 'status:available -hpe',
        sort: '-name',
        limit: 1,
        cursor: filtered.body.nextCursor,
      })
      .set('Authorization', as(READER));
    expect(next.body.items.map((h: any) => h.name)).toEqual(['edge-0']);
    expect(next.body.nextCursor).toBeUndefined();
  });

  it('describes a host with its pool, machine and node links', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .get('/api/metal3/hosts/kube-dc-mgmt/metal3/worker-0')
      .set('Authorization', as(READER));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'worker-0',
      status: { code: 'provisioned' },
      pool: { name: 'kube-dc-workers' },
      machine: 'workers-abc',
      node: { name: 'worker-0', ready: 'True' },
      entityRef: 'resource:default/kube-dc-mgmt.metal3.worker-0',
    });
  });

  it('shows pool capacity: free hosts matching the selector', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .get('/api/metal3/pools/kube-dc-mgmt/metal3/kube-dc-workers')
      .set('Authorization', as(READER));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      desiredReplicas: 2,
      freeMatchingHosts: 2,
      health: { code: 'scaling-up' },
      members: [expect.objectContaining({ name: 'worker-0' })],
    });
  });

  it('answers 404 naming the missing host', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .get('/api/metal3/hosts/kube-dc-mgmt/metal3/nope')
      .set('Authorization', as(READER));
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('metal3/nope');
  });

  it('serves /health without authentication', async () => {
    const { server } = await startBackend();
    const res = await request(server).get('/api/metal3/health');
    expect(res.status).toBe(200);
  });
});
