import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { metal3Plugin } from './plugin';

const config = {
  metal3: {
    clusters: [
      {
        name: 'kube-dc-mgmt',
        title: 'Kube-DC management',
        url: 'https://127.0.0.1:6443',
        serviceAccountToken: 'sentinel-token-do-not-leak',
      },
    ],
  },
};

async function start(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const { server } = await startTestBackend({
    features: [
      metal3Plugin,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.permissions.mock({
        authorize: async requests => requests.map(() => ({ result })),
      }).factory,
    ],
  });
  return server;
}

describe('metal3 backend plugin', () => {
  it('lists configured clusters without their credentials', async () => {
    const server = await start(AuthorizeResult.ALLOW);
    const res = await request(server).get('/api/metal3/clusters');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        {
          name: 'kube-dc-mgmt',
          title: 'Kube-DC management',
          authProvider: 'serviceAccount',
        },
      ],
    });
    expect(res.text).not.toContain('sentinel-token-do-not-leak');
  });

  it('answers 403 when the policy denies metal3.cluster.read', async () => {
    const server = await start(AuthorizeResult.DENY);
    const res = await request(server).get('/api/metal3/clusters');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('metal3.cluster.read');
  });

  it('answers 401 to a request without credentials', async () => {
    const server = await start(AuthorizeResult.ALLOW);
    const res = await request(server)
      .get('/api/metal3/clusters')
      .set('Authorization', 'Bearer garbage');
    expect(res.status).toBe(401);
  });

  it('serves /health without authentication', async () => {
    const server = await start(AuthorizeResult.DENY);
    const res = await request(server).get('/api/metal3/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});
