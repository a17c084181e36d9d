import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import { stringify } from 'yaml';
import { buildBareMetalHost } from '../manifests/bareMetalHost';

/**
 * `metal3:manifests:render`: writes manifests into the workspace instead of
 * applying them, so a later `publish:*` step can open a GitOps pull request.
 */
export function createRenderManifestsAction() {
  return createTemplateAction({
    id: 'metal3:manifests:render',
    description:
      'Writes the BareMetalHost manifest of a host enrollment into the workspace for GitOps review',
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('BareMetalHost name'),
        namespace: z => z.string().describe('Namespace of the host'),
        bmcAddress: z =>
          z
            .string()
            .describe(
              'BMC address, e.g. redfish+https://10.0.0.1/redfish/v1/Systems/1',
            ),
        credentialsName: z =>
          z.string().describe('Name of the Secret with the BMC credentials'),
        bootMACAddress: z => z.string().describe('MAC address of the boot NIC'),
        bootMode: z => z.enum(['UEFI', 'UEFISecureBoot', 'legacy']).optional(),
        online: z => z.boolean().optional(),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe('Folder in the workspace; default the workspace root'),
      },
      output: {
        path: z => z.string().describe('Workspace-relative path of the file'),
      },
    },
    async handler(ctx) {
      const { targetPath = '.', ...host } = ctx.input;
      const manifest = buildBareMetalHost(host);
      const relative = `${targetPath}/${host.name}.baremetalhost.yaml`;
      const file = resolveSafeChildPath(ctx.workspacePath, relative);
      await fs.mkdir(resolveSafeChildPath(ctx.workspacePath, targetPath), {
        recursive: true,
      });
      await fs.writeFile(file, stringify(manifest));
      ctx.logger.info(`Rendered BareMetalHost ${host.namespace}/${host.name}`);
      ctx.output('path', relative);
    },
  });
}
