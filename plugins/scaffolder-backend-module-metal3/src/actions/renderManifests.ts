import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import { stringify } from 'yaml';
import { buildBareMetalHost, buildBmcSecret } from '../manifests/bareMetalHost';
import { CapiVersion, capiApiVersion } from '../manifests/capi';
import { parseHostRows, validateHostRows } from '../manifests/hostRows';
import {
  buildWorkerPool,
  creationOrder,
  WorkerPoolInput,
} from '../manifests/workerPool';
import { poolInputFields } from './poolSchema';

type Manifest = {
  kind: string;
  metadata: { name: string; namespace?: string };
};

const describe = (m: Manifest) =>
  `${m.kind} ${m.metadata.namespace ? `${m.metadata.namespace}/` : ''}${
    m.metadata.name
  }`;

/**
 * `metal3:manifests:render`: writes manifests into the workspace instead of
 * applying them, so a later `publish:*` step can open a GitOps pull request.
 *
 * Secrets (BMC credentials, the RKE2 join user data) are rendered only when
 * `includeSecrets` is true, from the task's secrets (`bmcPassword`,
 * `joinToken`), never from inputs: a repository is a poor place for them, so
 * the default leaves them to be created out of band (e.g. sealed or external
 * secrets) under the names the other manifests reference.
 */
export function createRenderManifestsAction() {
  return createTemplateAction({
    id: 'metal3:manifests:render',
    description:
      'Writes Metal3 manifests (a host, many hosts, a worker pool, a scale change) into the workspace for GitOps review',
    supportsDryRun: true,
    schema: {
      input: {
        what: z =>
          z
            .enum(['host', 'hosts', 'pool', 'scale'])
            .optional()
            .describe('What to render (default host)'),
        capiVersion: z =>
          z
            .enum(['v1beta1', 'v1beta2'])
            .optional()
            .describe('Cluster API version of pool objects (default v1beta2)'),
        includeSecrets: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Also render Secrets from the task secrets (they then contain credentials)',
            ),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe('Folder in the workspace; default the workspace root'),
        name: z =>
          z
            .string()
            .optional()
            .describe('BareMetalHost name (host) or pool name (pool, scale)'),
        namespace: z => z.string().describe('Namespace of the objects'),
        bmcAddress: z =>
          z
            .string()
            .optional()
            .describe(
              'BMC address, e.g. redfish+https://10.0.0.1/redfish/v1/Systems/1',
            ),
        credentialsName: z =>
          z
            .string()
            .optional()
            .describe('Name of the Secret with the BMC credentials'),
        bmcUsername: z =>
          z
            .string()
            .optional()
            .describe('BMC user (for a rendered credentials Secret)'),
        bootMACAddress: z =>
          z.string().optional().describe('MAC address of the boot NIC'),
        bootMode: z => z.enum(['UEFI', 'UEFISecureBoot', 'legacy']).optional(),
        online: z => z.boolean().optional(),
        hosts: z =>
          z
            .string()
            .optional()
            .describe(
              'hosts: CSV or YAML rows as metal3:hosts:enroll-batch takes',
            ),
        format: z => z.enum(['csv', 'yaml']).optional(),
        replicas: z =>
          z
            .number()
            .int()
            .min(0)
            .optional()
            .describe('scale: the new replicas; pool: initial'),
        pool: z =>
          z
            .object(
              Object.fromEntries(
                Object.entries(poolInputFields)
                  .filter(([key]) => key !== 'namespace')
                  .map(([key, field]) => [key, field(z)]),
              ),
            )
            .optional()
            .describe(
              'pool: the inputs of metal3:pool:create (except cluster and namespace)',
            ),
      },
      output: {
        path: z =>
          z.string().describe('Workspace-relative path of the (first) file'),
        paths: z => z.array(z.string()).describe('Every file written'),
      },
    },
    async handler(ctx) {
      const {
        targetPath = '.',
        what = 'host',
        includeSecrets = false,
        namespace,
      } = ctx.input;
      const v: CapiVersion = ctx.input.capiVersion ?? 'v1beta2';
      const files: { file: string; manifests: object[] }[] = [];
      if (what === 'host') {
        const { name, bmcAddress, credentialsName, bootMACAddress } = ctx.input;
        const host = buildBareMetalHost({
          name: name ?? '',
          namespace,
          bmcAddress: bmcAddress ?? '',
          credentialsName: credentialsName ?? `${name}-bmc-secret`,
          bootMACAddress: bootMACAddress ?? '',
          bootMode: ctx.input.bootMode,
          online: ctx.input.online,
        });
        files.push({ file: `${name}.baremetalhost.yaml`, manifests: [host] });
        if (includeSecrets) {
          files.push({
            file: `${name}.bmc-secret.yaml`,
            manifests: [
              bmcSecret(
                ctx.secrets,
                name!,
                namespace,
                host.spec.bmc.credentialsName,
                ctx.input.bmcUsername,
              ),
            ],
          });
        }
      } else if (what === 'hosts') {
        const parsed = parseHostRows(
          ctx.input.hosts ?? '',
          ctx.input.format ?? 'csv',
        );
        const { good, problems } = validateHostRows(
          parsed,
          namespace,
          n => `${n}-bmc-secret`,
        );
        if (problems.length)
          throw new InputError(problems.map(p => p.message).join('; '));
        for (const { host } of good) {
          const manifest = buildBareMetalHost({
            name: host.name,
            namespace,
            bmcAddress: host.bmcAddress,
            credentialsName: `${host.name}-bmc-secret`,
            bootMACAddress: host.bootMACAddress,
            bootMode: host.bootMode,
            disableCertificateVerification: host.disableCertificateVerification,
            labels: host.labels,
          });
          const secret = includeSecrets
            ? [
                bmcSecret(
                  ctx.secrets,
                  host.name,
                  namespace,
                  `${host.name}-bmc-secret`,
                  host.username,
                ),
              ]
            : [];
          files.push({
            file: `${host.name}.baremetalhost.yaml`,
            manifests: [...secret, manifest],
          });
        }
      } else if (what === 'pool') {
        const pool = ctx.input.pool as any;
        if (!pool)
          throw new InputError(
            'pool: the pool inputs are required to render a pool',
          );
        const input = {
          ...pool,
          namespace,
          hostSelector: { matchLabels: pool.hostSelector ?? {} },
        } as WorkerPoolInput;
        const token = includeSecrets
          ? requireSecret(ctx.secrets, 'joinToken')
          : undefined;
        const manifests = creationOrder(buildWorkerPool(input, v, token));
        files.push({ file: `${input.name}.pool.yaml`, manifests });
      } else {
        const { name, replicas } = ctx.input;
        if (!name) throw new InputError('name: the pool name is required');
        if (replicas === undefined)
          throw new InputError('replicas: required to render a scale change');
        // A partial manifest for a kustomize patch or server-side apply.
        files.push({
          file: `${name}.replicas.yaml`,
          manifests: [
            {
              apiVersion: capiApiVersion(v),
              kind: 'MachineDeployment',
              metadata: { name, namespace },
              spec: { replicas },
            },
          ],
        });
      }
      await fs.mkdir(resolveSafeChildPath(ctx.workspacePath, targetPath), {
        recursive: true,
      });
      const written: string[] = [];
      for (const { file, manifests } of files) {
        const relative = `${targetPath}/${file}`;
        await fs.writeFile(
          resolveSafeChildPath(ctx.workspacePath, relative),
          manifests.map(m => stringify(m)).join('---\n'),
        );
        written.push(relative);
        ctx.logger.info(
          `Rendered ${manifests
            .map(m => describe(m as Manifest))
            .join(', ')} into ${relative}`,
        );
      }
      ctx.output('path', written[0]);
      ctx.output('paths', written);
    },
  });
}

function requireSecret(
  secrets: Record<string, string> | undefined,
  key: string,
): string {
  const value = secrets?.[key];
  if (!value)
    throw new InputError(
      `secrets.${key}: required when includeSecrets is true`,
    );
  return value;
}

function bmcSecret(
  secrets: Record<string, string> | undefined,
  host: string,
  namespace: string,
  name: string,
  username: string | undefined,
) {
  if (!username)
    throw new InputError('bmcUsername: required when includeSecrets is true');
  const password =
    secrets?.[`bmcPassword.${host}`] ?? requireSecret(secrets, 'bmcPassword');
  return buildBmcSecret({ name, namespace, username, password });
}
