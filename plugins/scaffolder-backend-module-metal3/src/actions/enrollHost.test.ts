import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { InMemoryClusterService } from '@metal3-fleet/plugin-metal3-node/testUtils';
import {
  BmcPreflightRequest,
  BmcPreflightResponse,
} from '@metal3-fleet/plugin-metal3-common';
import yaml from 'yaml';
import { createEnrollHostAction } from './enrollHost';
import { enrollHostExamples } from './enrollHost.examples';

const PASSWORD = 'sentinel-enroll-password-7c1';

const input = {
  cluster: 'kube-dc-mgmt',
  namespace: 'metal3',
  name: 'worker-7',
  bmcAddress: 'redfish+https://10.10.0.27/redfish/v1/Systems/1',
  bmcUsername: 'admin',
  bootMACAddress: '52:54:00:0a:00:07',
};

/** A BMC service whose preflight answers as given and records requests. */
function fakeBmc(response: Partial<BmcPreflightResponse> = {}) {
  const requests: BmcPreflightRequest[] = [];
  const service = {
    requests,
    preflight: async (request: BmcPreflightRequest) => {
      requests.push(request);
      return {
        ok: true,
        checks: [
          { id: 'tls', status: 'pass', message: 'Trusted certificate' },
          { id: 'authentication', status: 'pass', message: 'accepted' },
        ],
        bootMacCandidates: [
          { mac: '12:44:6a:3b:04:11', name: 'NIC.Integrated.1-1' },
        ],
        ...response,
      } as BmcPreflightResponse;
    },
    telemetry: {} as any,
  };
  return service;
}

function action(
  result = AuthorizeResult.ALLOW as
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY,
  bmc?: ReturnType<typeof fakeBmc>,
) {
  const auditor = mockServices.auditor.mock();
  return {
    auditor,
    action: createEnrollHostAction({
      clusters: new InMemoryClusterService(['kube-dc-mgmt']),
      permissions: mockServices.permissions.mock({
        authorize: async requests => requests.map(() => ({ result })),
      }),
      auditor,
      bmc,
    }),
  };
}

describe('metal3:host:enroll', () => {
  describe('with the BMC preflight', () => {
    const withoutMac = { ...input, bootMACAddress: undefined };

    it('discovers the boot MAC from the BMC and logs each check, never the password', async () => {
      const bmc = fakeBmc();
      const { action: enroll } = action(AuthorizeResult.ALLOW, bmc);
      const logger = mockServices.logger.mock();
      const ctx = createMockActionContext({
        input: { ...withoutMac, discoverBootMac: true },
        secrets: { bmcPassword: PASSWORD },
        logger,
      });
      // The in-memory cluster has no client: the action stops right after
      // the preflight, at the cluster, with the discovered MAC validated.
      await expect(enroll.handler(ctx)).rejects.toThrow('cluster:');
      expect(bmc.requests).toEqual([
        expect.objectContaining({
          address: input.bmcAddress,
          username: 'admin',
          password: PASSWORD,
        }),
      ]);
      const logged = [...logger.info.mock.calls, ...logger.warn.mock.calls]
        .flat()
        .join('\n');
      expect(logged).toContain('BMC tls: pass - Trusted certificate');
      expect(logged).toContain(
        'Boot MAC discovered from the BMC: 12:44:6a:3b:04:11',
      );
      expect(logged).not.toContain(PASSWORD);
    });

    it('stops at a failed check, naming it, before anything is created', async () => {
      const bmc = fakeBmc({
        ok: false,
        checks: [
          {
            id: 'authentication',
            status: 'fail',
            message: 'BMC 10.10.0.27 rejected the credentials for user admin',
          },
        ],
      });
      const { action: enroll, auditor } = action(AuthorizeResult.ALLOW, bmc);
      const ctx = createMockActionContext({
        input: { ...input, preflight: true },
        secrets: { bmcPassword: PASSWORD },
      });
      await expect(enroll.handler(ctx)).rejects.toThrow(
        'bmcAddress: the BMC preflight failed at authentication: BMC 10.10.0.27 rejected the credentials',
      );
      expect(auditor.createEvent).not.toHaveBeenCalled();
    });

    it('contacts no BMC for a caller without the enroll permission', async () => {
      const bmc = fakeBmc();
      const { action: enroll } = action(AuthorizeResult.DENY, bmc);
      const ctx = createMockActionContext({
        input: { ...input, preflight: true },
        secrets: { bmcPassword: PASSWORD },
      });
      await expect(enroll.handler(ctx)).rejects.toThrow('not allowed');
      expect(bmc.requests).toEqual([]);
    });

    it('asks for a MAC when the BMC reports no NIC', async () => {
      const { action: enroll } = action(
        AuthorizeResult.ALLOW,
        fakeBmc({ bootMacCandidates: [] }),
      );
      const ctx = createMockActionContext({
        input: { ...withoutMac, discoverBootMac: true },
        secrets: { bmcPassword: PASSWORD },
      });
      await expect(enroll.handler(ctx)).rejects.toThrow(
        'bootMACAddress: the BMC reports no NIC to boot from',
      );
    });
  });

  it.each([
    [
      { bootMACAddress: '52:54:00' },
      'bootMACAddress "52:54:00" is not a MAC address',
    ],
    [{ name: 'Worker 7' }, 'name "Worker 7" must consist of lower case'],
    [{ namespace: '' }, 'namespace is required'],
  ])(
    'rejects %j naming the field, before touching the cluster',
    async (bad, message) => {
      const { action: enroll, auditor } = action();
      const ctx = createMockActionContext({
        input: { ...input, ...bad },
        secrets: { bmcPassword: PASSWORD },
      });
      await expect(enroll.handler(ctx)).rejects.toThrow(message);
      expect(auditor.createEvent).not.toHaveBeenCalled();
    },
  );

  it('requires the password from the secrets, never from inputs', async () => {
    const { action: enroll } = action();
    const ctx = createMockActionContext({ input });
    await expect(enroll.handler(ctx)).rejects.toThrow(
      'secrets.bmcPassword is required',
    );
  });

  it('checks the enroll permission of the user who started the task', async () => {
    const { action: enroll } = action(AuthorizeResult.DENY);
    const ctx = createMockActionContext({
      input,
      secrets: { bmcPassword: PASSWORD },
    });
    await expect(enroll.handler(ctx)).rejects.toThrow(
      'not allowed to metal3.host.enroll',
    );
  });

  it('never writes the password into an error or the task log', async () => {
    const { action: enroll } = action();
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({
      input,
      secrets: { bmcPassword: PASSWORD },
      logger,
    });
    const error = await enroll.handler(ctx).catch(e => e);
    expect(String(error?.message)).toContain(
      'cluster: kube-dc-mgmt is not connected',
    );
    expect(String(error?.message)).not.toContain(PASSWORD);
    expect(JSON.stringify(logger.info.mock.calls)).not.toContain(PASSWORD);
  });

  it('has examples whose inputs the schema accepts', () => {
    const { action: enroll } = action();
    for (const { example } of enrollHostExamples) {
      const step = yaml.parse(example).steps[0];
      expect(step.action).toBe(enroll.id);
      const schema = enroll.schema?.input as any;
      expect(schema).toBeDefined();
      expect(
        Object.keys(step.input).every(
          k => k in (schema.properties ?? schema.shape ?? schema),
        ),
      ).toBe(true);
    }
  });
});
