import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { promises as fs } from 'node:fs';
import { parse } from 'yaml';
import { createRenderManifestsAction } from './renderManifests';

describe('metal3:manifests:render', () => {
  const input = {
    name: 'worker-3',
    namespace: 'metal3',
    bmcAddress: 'redfish+https://10.0.0.13/redfish/v1/Systems/1',
    credentialsName: 'worker-3-bmc-secret',
    bootMACAddress: '52:54:00:aa:bb:cc',
    targetPath: 'hosts',
  };

  it('writes the BareMetalHost into the workspace and outputs its path', async () => {
    const ctx = createMockActionContext({ input });
    await createRenderManifestsAction().handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith(
      'path',
      'hosts/worker-3.baremetalhost.yaml',
    );
    const written = parse(
      await fs.readFile(
        `${ctx.workspacePath}/hosts/worker-3.baremetalhost.yaml`,
        'utf8',
      ),
    );
    expect(written.kind).toBe('BareMetalHost');
    expect(written.spec.bmc.credentialsName).toBe('worker-3-bmc-secret');
  });

  it('fails naming the field and writes nothing on a bad MAC', async () => {
    const ctx = createMockActionContext({
      input: { ...input, bootMACAddress: 'nope' },
    });
    await expect(createRenderManifestsAction().handler(ctx)).rejects.toThrow(
      'bootMACAddress',
    );
    await expect(
      fs.access(`${ctx.workspacePath}/hosts/worker-3.baremetalhost.yaml`),
    ).rejects.toThrow('ENOENT');
  });

  it('refuses a target path outside the workspace', async () => {
    const ctx = createMockActionContext({
      input: { ...input, targetPath: '../../etc' },
    });
    await expect(createRenderManifestsAction().handler(ctx)).rejects.toThrow(
      /outside/i,
    );
  });

  it('renders many hosts, with their Secrets only when asked (password from the secrets)', async () => {
    const hosts = [
      'name,bmcAddress,username,bootMACAddress,labels',
      'r1,ipmi://10.0.0.1,admin,52:54:00:00:00:01,pool=workers',
      'r2,redfish+https://10.0.0.2/redfish/v1/Systems/1,admin,52:54:00:00:00:02,pool=workers',
    ].join('\n');
    const plain = createMockActionContext({
      input: { what: 'hosts' as const, namespace: 'metal3', hosts },
    });
    await createRenderManifestsAction().handler(plain);
    expect(plain.output).toHaveBeenCalledWith('paths', [
      './r1.baremetalhost.yaml',
      './r2.baremetalhost.yaml',
    ]);
    const file = await fs.readFile(
      `${plain.workspacePath}/r1.baremetalhost.yaml`,
      'utf8',
    );
    expect(file).not.toContain('kind: Secret');

    const withSecrets = createMockActionContext({
      input: {
        what: 'hosts' as const,
        namespace: 'metal3',
        hosts,
        includeSecrets: true,
      },
      secrets: { bmcPassword: 'sentinel-render-pw' },
    });
    await createRenderManifestsAction().handler(withSecrets);
    const docs = (
      await fs.readFile(
        `${withSecrets.workspacePath}/r2.baremetalhost.yaml`,
        'utf8',
      )
    )
      .split('---\n')
      .map(d => parse(d));
    expect(docs.map(d => d.kind)).toEqual(['Secret', 'BareMetalHost']);
    expect(docs[0].stringData.password).toBe('sentinel-render-pw');
  });

  it('refuses to render Secrets without the password in the secrets', async () => {
    const ctx = createMockActionContext({
      input: { ...input, includeSecrets: true, bmcUsername: 'admin' },
    });
    await expect(createRenderManifestsAction().handler(ctx)).rejects.toThrow(
      'secrets.bmcPassword',
    );
  });

  it('renders a scale change as a partial MachineDeployment', async () => {
    const ctx = createMockActionContext({
      input: {
        what: 'scale' as const,
        namespace: 'metal3',
        name: 'kube-dc-workers',
        replicas: 4,
        capiVersion: 'v1beta1' as const,
      },
    });
    await createRenderManifestsAction().handler(ctx);
    expect(
      parse(
        await fs.readFile(
          `${ctx.workspacePath}/kube-dc-workers.replicas.yaml`,
          'utf8',
        ),
      ),
    ).toEqual({
      apiVersion: 'cluster.x-k8s.io/v1beta1',
      kind: 'MachineDeployment',
      metadata: { name: 'kube-dc-workers', namespace: 'metal3' },
      spec: { replicas: 4 },
    });
  });
});
