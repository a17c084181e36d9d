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
});
