import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { metal3ClusterServiceRef } from '@internal/plugin-metal3-node';
import request from 'supertest';
import { createFleet } from './__fixtures__/fleet';
import { metal3Plugin } from './plugin';

const ADMIN = 'user:default/admin';
const READER = 'user:default/reader';

async function startBackend() {
  const fleet = createFleet();
  const auditEvents: { eventId: string; severityLevel?: string }[] = [];
  const { server } = await startTestBackend({
    features: [
      metal3Plugin,
      mockServices.rootConfig.factory({ data: {} }),
      // Callers without a token are nobody: the default mock would be a user.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      // The portal policy in miniature: admins may do everything, readers read.
      mockServices.permissions.mock({
        authorize: async (requests, { credentials }) =>
          requests.map(({ permission }) => {
            const user = (credentials.principal as any)?.userEntityRef;
            const allowed =
              user === ADMIN ||
              (user === READER && permission.attributes.action === 'read');
            return {
              result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
            };
          }),
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

/** Each write endpoint with a host already in the requested state (no cluster write needed). */
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
      '%s: 401 without a token, 403 for a reader, 2xx for an admin, audited',
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
        expect(admin.status).toBe(200);
        expect(admin.body).toEqual({
          changed: false,
          message: expect.any(String),
        });
        expect(auditEvents).toEqual([
          expect.objectContaining({ eventId: `host-${action}` }),
        ]);
      },
    );
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
    expect(res.body.error.message).toContain('action: "explode" is not one of');
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
