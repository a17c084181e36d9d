import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { metal3ClusterServiceRef } from '@metal3-fleet/plugin-metal3-node';
import request from 'supertest';
import { createFleet } from './__fixtures__/fleet';
import { metal3Plugin } from './plugin';

const SENTINEL = 'S3ntinel-in-the-bmc-url-0b7e';

/**
 * BMO's webhook admits a BMC address with userinfo. Whatever a cluster
 * holds, the password in it reaches no API body, log line or audit record.
 */
describe('BMC addresses with userinfo', () => {
  it('are redacted in API rows, the host page, errors, logs and audit records', async () => {
    const fleet = createFleet();
    fleet.put('kube-dc-mgmt', 'baremetalhosts', {
      apiVersion: 'metal3.io/v1alpha1',
      kind: 'BareMetalHost',
      metadata: {
        name: 'leaky-0',
        namespace: 'metal3',
        uid: 'uid-leaky-0',
        resourceVersion: '1',
      },
      spec: {
        online: true,
        bmc: {
          address: `redfish://root:${SENTINEL}@10.0.0.9/redfish/v1/Systems/1`,
          credentialsName: 'leaky-0-bmc-secret',
        },
      },
      status: {
        provisioning: { state: 'registering' },
        operationalStatus: 'error',
        errorType: 'registration error',
        errorMessage: `Failed to validate power driver interface: redfish://root:${SENTINEL}@10.0.0.9/redfish/v1/Systems/1 unreachable`,
      },
    });
    const logged: string[] = [];
    const audited: string[] = [];
    const logger = mockServices.rootLogger.mock();
    for (const level of ['info', 'warn', 'error', 'debug'] as const) {
      logger[level].mockImplementation((message: string, meta?: unknown) => {
        logged.push(`${message} ${JSON.stringify(meta ?? {})}`);
      });
    }
    logger.child.mockReturnValue(logger);
    const { server } = await startTestBackend({
      features: [
        metal3Plugin,
        logger.factory,
        mockServices.rootConfig.factory({
          // Production-like: no lab, BMCs only in a documentation network.
          data: { metal3: { bmc: { allowedNetworks: ['192.0.2.0/24'] } } },
        }),
        mockServices.auditor.mock({
          createEvent: async options => {
            audited.push(JSON.stringify(options.meta ?? {}));
            return {
              success: async o => {
                audited.push(JSON.stringify(o ?? {}));
              },
              fail: async o => {
                audited.push(`${o.error.message} ${JSON.stringify(o.meta)}`);
              },
            };
          },
        }).factory,
        createServiceFactory({
          service: metal3ClusterServiceRef,
          deps: {},
          factory: () => fleet,
        }),
      ],
    });
    const admin = mockCredentials.user.header('user:default/admin');
    const get = (path: string) =>
      request(server).get(path).set('Authorization', admin);

    const rows = await get('/api/metal3/hosts?limit=500');
    const row = rows.body.items.find((h: any) => h.name === 'leaky-0');
    expect(row.bmc).toEqual({
      protocol: 'redfish',
      host: '10.0.0.9',
      address: 'redfish://***@10.0.0.9/redfish/v1/Systems/1',
    });
    const searched = await get('/api/metal3/hosts?q=leaky');
    const page = await get('/api/metal3/hosts/kube-dc-mgmt/metal3/leaky-0');
    expect(page.status).toBe(200);
    // Telemetry refuses the address (it carries credentials) without reaching it.
    const telemetry = await get(
      '/api/metal3/hosts/kube-dc-mgmt/metal3/leaky-0/bmc',
    );
    expect(telemetry.status).toBe(400);
    expect(telemetry.body.error.message).toMatch(
      /must not contain a user name or password/,
    );
    // The preflight request: the address is checked and refused, and the
    // audit record keeps it only redacted.
    const preflight = await request(server)
      .post('/api/metal3/bmc/preflight')
      .set('Authorization', admin)
      .send({
        address: `redfish://root:${SENTINEL}@10.0.0.9/redfish/v1/Systems/1`,
        username: 'root',
        password: 'irrelevant',
      });
    expect(preflight.status).toBe(200);
    expect(preflight.body.checks[0]).toMatchObject({
      id: 'address',
      status: 'fail',
    });
    expect(audited.join('\n')).toContain(
      '"bmcAddress":"redfish://***@10.0.0.9/redfish/v1/Systems/1"',
    );

    const everything = [
      rows.text,
      searched.text,
      page.text,
      telemetry.text,
      preflight.text,
      ...logged,
      ...audited,
    ].join('\n');
    expect(everything).toContain('leaky-0');
    expect(everything).not.toContain(SENTINEL);
  });
});
