import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  BackstageCredentials,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  metal3HostEnrollPermission,
  metal3HostReadPermission,
} from '@metal3-fleet/plugin-metal3-common';
import {
  createMetal3HostConditionalDecision,
  DefaultMetal3BmcService,
  metal3BmcServiceRef,
  metal3ClusterServiceRef,
  metal3HostConditions,
} from '@metal3-fleet/plugin-metal3-node';
import request from 'supertest';
import { createFleet } from '../../__fixtures__/fleet';
import { metal3Plugin } from '../../plugin';

const SENTINEL = 'sentinel-route-password-77c3';
const ALICE = 'user:default/alice';

/**
 * Alice (team-a) may enroll, and read only the hosts team-a owns: spare-2
 * is one of them, worker-0 is not.
 */
function decide(
  credentials: BackstageCredentials,
  permission: Permission,
): PolicyDecision {
  const user = (credentials.principal as any)?.userEntityRef;
  if (user !== ALICE) return { result: AuthorizeResult.DENY };
  if (permission.name === metal3HostEnrollPermission.name) {
    return { result: AuthorizeResult.ALLOW };
  }
  if (permission.name === metal3HostReadPermission.name) {
    return createMetal3HostConditionalDecision(
      metal3HostReadPermission,
      metal3HostConditions.isOwnedBy({ owners: ['group:default/team-a'] }),
    );
  }
  return { result: AuthorizeResult.DENY };
}

async function startBackend() {
  const fleet = createFleet();
  const secretsRead: string[] = [];
  const audited: { eventId: string; failed?: string }[] = [];
  const bmc = new DefaultMetal3BmcService({
    clusters: fleet,
    // The fixture BMCs live on 10.0.0.1: nothing in this test leaves loopback.
    guard: async host => ({
      ok: false,
      message: `BMC host ${host} is not contacted in this test`,
    }),
    openReader: () => {
      throw new Error('no reader in this test');
    },
    readCredentials: async (_cache, namespace, name) => {
      secretsRead.push(`${namespace}/${name}`);
      return { username: 'admin', password: SENTINEL };
    },
  });
  const { server } = await startTestBackend({
    features: [
      metal3Plugin,
      mockServices.rootConfig.factory({
        // Production-like: no lab, BMCs only in a documentation network.
        data: { metal3: { bmc: { allowedNetworks: ['192.0.2.0/24'] } } },
      }),
      mockServices.permissions.mock({
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
          const record: (typeof audited)[number] = { eventId: options.eventId };
          audited.push(record);
          return {
            success: async () => {},
            fail: async ({ error }) => {
              record.failed = error.message;
            },
          };
        },
      }).factory,
      createServiceFactory({
        service: metal3ClusterServiceRef,
        deps: {},
        factory: () => fleet,
      }),
      createServiceFactory({
        service: metal3BmcServiceRef,
        deps: {},
        factory: () => bmc,
      }),
    ],
  });
  return { server, secretsRead, audited };
}

const byRef = (host: string) => ({
  address: `redfish+https://10.0.0.1/redfish/v1/Systems/${host}`,
  credentialsRef: {
    cluster: 'kube-dc-mgmt',
    namespace: 'metal3',
    name: `${host}-bmc-secret`,
  },
});

describe('POST /bmc/preflight with a credentialsRef', () => {
  it('needs metal3.host.read on the host whose Secret it borrows: 403 and audited otherwise', async () => {
    const { server, secretsRead, audited } = await startBackend();
    const alice = mockCredentials.user.header(ALICE);

    const denied = await request(server)
      .post('/api/metal3/bmc/preflight')
      .set('Authorization', alice)
      .send(byRef('worker-0'));
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      'You are not allowed to metal3.host.read',
    );
    expect(secretsRead).toEqual([]);
    expect(audited).toEqual([
      {
        eventId: 'bmc-preflight',
        failed: 'You are not allowed to metal3.host.read',
      },
    ]);

    const allowed = await request(server)
      .post('/api/metal3/bmc/preflight')
      .set('Authorization', alice)
      .send(byRef('spare-2'));
    expect(allowed.status).toBe(200);
    expect(secretsRead).toEqual(['metal3/spare-2-bmc-secret']);
    expect(allowed.body.checks.find((c: any) => c.id === 'dns')).toMatchObject({
      status: 'fail',
    });
    expect(allowed.text).not.toContain(SENTINEL);
    expect(audited[1]).toEqual({ eventId: 'bmc-preflight' });
  });
});
