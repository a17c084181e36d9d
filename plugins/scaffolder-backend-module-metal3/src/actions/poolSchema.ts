import { createTemplateAction } from '@backstage/plugin-scaffolder-node';

/** The zod instance the scaffolder hands to schema functions (its own copy). */
type InputSchema = NonNullable<
  NonNullable<Parameters<typeof createTemplateAction>[0]['schema']>['input']
>;
export type Z = Parameters<
  Extract<InputSchema, Record<string, unknown>>[string]
>[0];

/**
 * The inputs that describe a worker pool, shared by `metal3:pool:create` and
 * `metal3:manifests:render` (what = pool) so both accept the same YAML.
 */
export const poolInputFields = {
  namespace: (z: Z) =>
    z.string().describe('Namespace of the pool and its objects'),
  name: (z: Z) =>
    z
      .string()
      .describe(
        'Pool (MachineDeployment) name; other objects are named after it',
      ),
  clusterName: (z: Z) =>
    z.string().describe('The Cluster API Cluster the pool joins'),
  replicas: (z: Z) =>
    z.number().int().min(0).describe('Initial number of servers'),
  kubernetesVersion: (z: Z) => z.string().describe('e.g. v1.33.0+rke2r1'),
  hostSelector: (z: Z) =>
    z
      .record(z.string())
      .describe("Labels the pool's hosts carry, e.g. { pool: workers }"),
  image: (z: Z) =>
    z
      .object({
        url: z.string(),
        checksum: z.string().optional(),
        checksumType: z.enum(['md5', 'sha256', 'sha512']).optional(),
        format: z.enum(['raw', 'qcow2', 'vdi', 'vmdk', 'live-iso']).optional(),
      })
      .describe('OS image written to each server'),
  ipPool: (z: Z) =>
    z
      .object({
        start: z.string(),
        end: z.string(),
        prefix: z.number().int(),
        gateway: z.string().optional(),
        dnsServers: z.array(z.string()).optional(),
      })
      .describe('Node addresses (Metal3 IPAM)'),
  nics: (z: Z) =>
    z
      .array(
        z.object({
          id: z.string().optional(),
          interface: z
            .string()
            .optional()
            .describe('Inspected NIC name, e.g. eno12399'),
          macAddress: z.string().optional(),
          mtu: z.number().int().optional(),
          addressFromPool: z.boolean().optional(),
          trunk: z
            .boolean()
            .optional()
            .describe('The Kube-OVN VLAN trunk: up, no address'),
        }),
      )
      .describe('NICs configured on each server'),
  join: (z: Z) =>
    z
      .object({
        serverUrl: z
          .string()
          .describe('RKE2 server, e.g. https://10.10.0.10:9345'),
        tokenSecretName: z
          .string()
          .describe('Secret in the namespace holding the join token'),
        tokenSecretKey: z
          .string()
          .optional()
          .describe('Key in that Secret (default token)'),
      })
      .describe(
        'RKE2 agent join; the token is read from the Secret, never typed',
      ),
  nodeLabels: (z: Z) => z.record(z.string()).optional(),
  automatedCleaningMode: (z: Z) => z.enum(['metadata', 'disabled']).optional(),
  maxSurge: (z: Z) =>
    z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Default 0: bare metal has no spare'),
  maxUnavailable: (z: Z) =>
    z.number().int().min(0).optional().describe('Default 1'),
  remediation: (z: Z) =>
    z
      .object({
        retryLimit: z.number().int().optional(),
        timeoutSeconds: z.number().int().optional(),
      })
      .optional()
      .describe('Reboot remediation (default 2 reboots, 600 s each)'),
  healthCheck: (z: Z) =>
    z
      .object({
        unhealthySeconds: z.number().int().optional(),
        nodeStartupSeconds: z.number().int().optional(),
        maxUnhealthy: z.union([z.number().int(), z.string()]).optional(),
      })
      .optional(),
};
