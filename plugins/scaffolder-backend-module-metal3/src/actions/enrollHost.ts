import {
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { metal3HostEnrollPermission } from '@metal3-fleet/plugin-metal3-common';
import {
  accessCluster,
  enrollHostWithSecret,
  Metal3BmcService,
  Metal3ClusterService,
  openAudit,
  requirePermission,
  toCallerError,
} from '@metal3-fleet/plugin-metal3-node';
import {
  buildBareMetalHost,
  buildBmcSecret,
  validateHostEnrollment,
} from '../manifests/bareMetalHost';
import { hostLinks } from '../util/pools';
import { enrollHostExamples } from './enrollHost.examples';

export interface EnrollHostActionOptions {
  clusters: Metal3ClusterService;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** Where the app mounts the fleet page (`metal3.fleetPath`): the start of the `hostUrl`/`poolUrl` outputs. Default `/metal3`. */
  fleetPath?: string;
  /** For `preflight` and `discoverBootMac`; those inputs fail without it. */
  bmc?: Metal3BmcService;
}

/** A valid placeholder while the boot MAC is still to be discovered. */
const DISCOVERY_PENDING = '00:00:00:00:00:00';

/**
 * `metal3:host:enroll`: the BMC credentials Secret (password from the task's
 * secrets, never from inputs) and the BareMetalHost, through the write
 * layer's `enrollHostWithSecret`: a double submit makes one Secret and one
 * host, an existing Secret with other credentials is refused naming it
 * (unless `useExistingSecret`), and after the Secret was created every
 * failure removes it again. A dry run sends both to the API server with
 * `dryRun=All`: full validation, nothing stored.
 */
export function createEnrollHostAction(options: EnrollHostActionOptions) {
  const { clusters, permissions, auditor } = options;
  return createTemplateAction({
    id: 'metal3:host:enroll',
    description:
      'Enrolls a bare-metal server: creates its BMC credentials Secret and its BareMetalHost; Metal3 then registers and inspects it',
    examples: enrollHostExamples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z.string().describe('Name of the cluster in metal3.clusters'),
        namespace: z =>
          z.string().describe('Namespace of the host and its Secret'),
        name: z => z.string().describe('BareMetalHost name'),
        bmcAddress: z =>
          z
            .string()
            .describe(
              'BMC address, e.g. redfish+https://10.0.0.21/redfish/v1/Systems/1',
            ),
        bmcUsername: z => z.string().describe('BMC user name'),
        bootMACAddress: z =>
          z
            .string()
            .optional()
            .describe(
              'MAC address of the NIC the host boots from; discovered from the BMC when discoverBootMac is set and this is empty',
            ),
        preflight: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Check the BMC first (DNS, port, certificate, credentials, system); stop naming the failed check',
            ),
        discoverBootMac: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Without bootMACAddress: use the most likely boot NIC the BMC reports (Redfish only)',
            ),
        bootMode: z => z.enum(['UEFI', 'UEFISecureBoot', 'legacy']).optional(),
        online: z =>
          z.boolean().optional().describe('Power the host on once registered'),
        disableCertificateVerification: z => z.boolean().optional(),
        automatedCleaningMode: z => z.enum(['metadata', 'disabled']).optional(),
        rootDeviceHints: z =>
          z.record(z.union([z.string(), z.number(), z.boolean()])).optional(),
        labels: z =>
          z
            .record(z.string())
            .optional()
            .describe('Labels, e.g. those pool host selectors match'),
        useExistingSecret: z =>
          z
            .boolean()
            .optional()
            .describe(
              'When the Secret <name>-bmc-secret exists with other credentials, use it as it is instead of failing (the password given is then not used)',
            ),
      },
      output: {
        entityRef: z => z.string().describe('Catalog entity of the host'),
        hostUrl: z => z.string().describe('Portal page of the host'),
        created: z =>
          z
            .boolean()
            .describe('False when the host already existed as requested'),
      },
    },
    async handler(ctx) {
      const {
        cluster,
        namespace,
        name,
        bmcUsername,
        preflight,
        discoverBootMac,
        useExistingSecret,
        ...rest
      } = ctx.input;
      const password = ctx.secrets?.bmcPassword;
      if (!password) {
        throw new InputError(
          'secrets.bmcPassword is required (use the Secret widget)',
        );
      }
      const secretName = `${name}-bmc-secret`;
      const discover = Boolean(discoverBootMac && !rest.bootMACAddress);
      const enrollment = {
        ...rest,
        // Checked again once the BMC named it.
        bootMACAddress: discover
          ? DISCOVERY_PENDING
          : rest.bootMACAddress ?? '',
        name,
        namespace,
        credentialsName: secretName,
      };
      const problems = validateHostEnrollment(enrollment);
      if (problems.length > 0) {
        throw new InputError(problems.map(p => p.message).join('; '));
      }

      // Authorized before any BMC is contacted on the caller's behalf.
      await requirePermission(
        permissions,
        await ctx.getInitiatorCredentials(),
        {
          permission: metal3HostEnrollPermission,
        },
      );

      if (preflight || discover) {
        enrollment.bootMACAddress =
          (await checkBmc(ctx, options.bmc, {
            address: rest.bmcAddress,
            username: bmcUsername,
            password,
            disableCertificateVerification: rest.disableCertificateVerification,
            bootMACAddress: rest.bootMACAddress,
            discover,
          })) ?? '';
      }

      const { client } = accessCluster(clusters, cluster);
      const host = buildBareMetalHost(enrollment);
      const secret = buildBmcSecret({
        name: secretName,
        namespace,
        username: bmcUsername,
        password: password!,
      });

      const dryRun = Boolean(ctx.isDryRun);
      const audit = await openAudit(auditor, {
        eventId: 'host-enroll',
        severityLevel: 'medium',
        meta: { cluster, namespace, name, dryRun, taskId: ctx.task.id },
      });
      try {
        // A retried task skips what a previous attempt already did.
        const result = await ctx.checkpoint({
          key: `enroll-${cluster}-${namespace}-${name}-${dryRun}`,
          fn: async () => {
            const { host: hostOutcome, secret: secretOutcome } =
              await enrollHostWithSecret({
                client,
                secret,
                host,
                dryRun,
                useExistingSecret,
                log: ctx.logger,
              });
            return { host: hostOutcome, secret: secretOutcome };
          },
        });
        await audit.succeed({
          created: result.host === 'created',
          secret: result.secret,
        });
        const links = hostLinks(cluster, namespace, name, options.fleetPath);
        ctx.output('entityRef', links.entityRef);
        ctx.output('hostUrl', links.hostUrl);
        ctx.output('created', result.host === 'created');
      } catch (error) {
        const reported = toCallerError(error);
        await audit.fail(reported);
        throw reported;
      }
    },
  });
}

/**
 * The BMC preflight in the task log, one line per check; an InputError
 * naming the failed check (the password never reaches the log). Returns the
 * boot MAC to use: the given one, or the BMC's most likely boot NIC.
 */
async function checkBmc(
  ctx: { logger: { info(m: string): void; warn(m: string): void } },
  bmc: Metal3BmcService | undefined,
  request: {
    address: string;
    username: string;
    password: string;
    disableCertificateVerification?: boolean;
    bootMACAddress?: string;
    discover: boolean;
  },
): Promise<string | undefined> {
  if (!bmc) {
    throw new InputError(
      'preflight: BMC checks are not available in this backend (no metal3 BMC service)',
    );
  }
  const result = await bmc.preflight({
    address: request.address,
    username: request.username,
    password: request.password,
    disableCertificateVerification: request.disableCertificateVerification,
  });
  for (const check of result.checks) {
    const line = `BMC ${check.id}: ${check.status} - ${check.message}`;
    if (check.status === 'fail' || check.status === 'warn')
      ctx.logger.warn(line);
    else ctx.logger.info(line);
  }
  const failed = result.checks.find(c => c.status === 'fail');
  if (failed) {
    throw new InputError(
      `bmcAddress: the BMC preflight failed at ${failed.id}: ${failed.message}`,
    );
  }
  if (request.bootMACAddress || !request.discover)
    return request.bootMACAddress;
  const [first] = result.bootMacCandidates;
  if (!first) {
    throw new InputError(
      'bootMACAddress: the BMC reports no NIC to boot from; enter the MAC by hand',
    );
  }
  ctx.logger.info(
    `Boot MAC discovered from the BMC: ${first.mac}${
      first.name ? ` (${first.name})` : ''
    }`,
  );
  return first.mac;
}
