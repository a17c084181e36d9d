import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { InMemoryClusterService } from '@internal/plugin-metal3-node/testUtils';
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

function action(
  result = AuthorizeResult.ALLOW as
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY,
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
    }),
  };
}

describe('metal3:host:enroll', () => {
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
    const ctx = createMockActionContext({
      input,
      secrets: { bmcPassword: PASSWORD },
    });
    const error = await enroll.handler(ctx).catch(e => e);
    expect(String(error?.message)).toContain(
      'cluster: kube-dc-mgmt is not connected',
    );
    expect(String(error?.message)).not.toContain(PASSWORD);
    const logged = JSON.stringify((ctx.logger as any).info?.mock?.calls ?? []);
    expect(logged).not.toContain(PASSWORD);
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
