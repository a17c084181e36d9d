import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  metal3HostEnrollPermission,
  validateLabelName,
} from '@metal3-fleet/plugin-metal3-common';
import {
  accessCluster,
  ClusterCache,
  enrollHostWithSecret,
  openAudit,
  requirePermission,
} from '@metal3-fleet/plugin-metal3-node';
import { buildBareMetalHost, buildBmcSecret } from '../manifests/bareMetalHost';
import { throwIfInvalid } from '../manifests/fieldErrors';
import {
  HostRow,
  parseHostRows,
  RowProblem,
  validateHostRows,
} from '../manifests/hostRows';
import { mapLimit } from '../util/mapLimit';
import { hostLinks } from '../util/pools';
import { waitFor } from '../util/waitFor';
import { enrollBatchExamples } from './enrollBatch.examples';
import type { PoolActionOptions } from './scalePool';

/** BMO's PROVISIONING_LIMIT default: more hosts inspecting at once are `delayed`. */
export const MAX_WAVE = 20;

/** One line of the report: every input row gets exactly one. */
export type ReportLine = {
  row: number;
  name?: string;
  status: 'created' | 'exists' | 'invalid' | 'failed';
  field?: string;
  message?: string;
};

const secretName = (name: string) => `${name}-bmc-secret`;

/**
 * The BMC password of a row: `secrets["bmcPassword.<name>"]` when the caller
 * gave one per host, else the shared `secrets.bmcPassword`. Never an input.
 */
function passwordFor(
  secrets: Record<string, string> | undefined,
  name: string,
) {
  return secrets?.[`bmcPassword.${name}`] ?? secrets?.bmcPassword;
}

/** A host is past the busy part (registration, inspection) or stopped with an error. */
function settled(
  cache: ClusterCache,
  namespace: string,
  name: string,
): boolean {
  const host = cache.get('baremetalhosts', `${namespace}/${name}`);
  if (!host) return false;
  if (host.errorType || host.operationalStatus === 'error') return true;
  return !['', 'registering', 'inspecting', undefined].includes(
    host.provisioningState,
  );
}

/**
 * `metal3:hosts:enroll-batch`: enrolls many servers from CSV or YAML rows.
 * Bad rows (named by row number and field) are reported and skipped; the
 * good ones are created in waves of at most 20 (BMO inspects at most
 * PROVISIONING_LIMIT hosts at once), each wave with bounded concurrency, the
 * next wave after the previous one is registered and inspected.
 */
export function createEnrollBatchAction(options: PoolActionOptions) {
  const { clusters, permissions, auditor } = options;
  return createTemplateAction({
    id: 'metal3:hosts:enroll-batch',
    description:
      'Enrolls many bare-metal hosts from CSV or YAML rows, in waves BMO can inspect, with a per-row report',
    examples: enrollBatchExamples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z.string().describe('Name of the cluster in metal3.clusters'),
        namespace: z =>
          z.string().describe('Namespace of the hosts and their Secrets'),
        hosts: z =>
          z
            .string()
            .describe(
              'CSV with a header (name,bmcAddress,username,bootMACAddress[,bootMode,disableCertificateVerification,labels]) or a YAML list of the same keys',
            ),
        format: z => z.enum(['csv', 'yaml']).optional().describe('Default csv'),
        labels: z =>
          z
            .record(z.string())
            .optional()
            .describe('Labels added to every host (rows may add more)'),
        bootMode: z => z.enum(['UEFI', 'UEFISecureBoot', 'legacy']).optional(),
        disableCertificateVerification: z => z.boolean().optional(),
        automatedCleaningMode: z => z.enum(['metadata', 'disabled']).optional(),
        maxConcurrency: z =>
          z
            .number()
            .int()
            .min(1)
            .max(20)
            .optional()
            .describe('Hosts created at the same time (default 5)'),
        waveSize: z =>
          z
            .number()
            .int()
            .min(1)
            .max(MAX_WAVE)
            .optional()
            .describe('Hosts per wave (default and maximum 20)'),
        waitForInspection: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Wait for each wave to be inspected before the next (default true)',
            ),
        waveTimeoutMinutes: z =>
          z.number().positive().optional().describe('Default 30'),
        useExistingSecret: z =>
          z
            .boolean()
            .optional()
            .describe(
              "When a host's Secret <name>-bmc-secret exists with other credentials, use it as it is instead of failing that row",
            ),
        failOnInvalidRows: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Fail the step (after enrolling the good rows) when a row was bad',
            ),
      },
      output: {
        report: z =>
          z
            .array(
              z.object({
                row: z.number(),
                name: z.string().optional(),
                status: z.enum(['created', 'exists', 'invalid', 'failed']),
                field: z.string().optional(),
                message: z.string().optional(),
              }),
            )
            .describe('One line per input row'),
        created: z => z.number(),
        failed: z => z.number().describe('Rows invalid or refused'),
        entityRefs: z =>
          z
            .array(z.string())
            .describe('Catalog entities of the enrolled hosts'),
      },
    },
    async handler(ctx) {
      const { cluster, namespace } = ctx.input;
      throwIfInvalid([validateLabelName(namespace, 'namespace')]);
      const parsed = parseHostRows(
        ctx.input.hosts ?? '',
        ctx.input.format ?? 'csv',
      );
      const fatal = parsed.problems.filter(p => p.row === 0);
      if (fatal.length)
        throw new InputError(fatal.map(p => p.message).join('; '));
      if (parsed.rows.length === 0)
        throw new InputError('hosts: no rows to enroll');
      const checked = validateHostRows(parsed, namespace, secretName);
      const problems: RowProblem[] = [...checked.problems];
      let good = checked.good.filter(({ row, host }) => {
        if (passwordFor(ctx.secrets, host.name)) return true;
        problems.push({
          row,
          name: host.name,
          field: 'secrets.bmcPassword',
          message: `row ${row}: secrets.bmcPassword: no BMC password (give secrets.bmcPassword or secrets["bmcPassword.${host.name}"])`,
        });
        return false;
      });

      await requirePermission(
        permissions,
        await ctx.getInitiatorCredentials(),
        {
          permission: metal3HostEnrollPermission,
        },
      );
      const { cache, client } = accessCluster(clusters, cluster);
      good = good.filter(({ row, host }) => {
        const clash = macClash(cache, namespace, host);
        if (clash)
          problems.push({
            row,
            name: host.name,
            field: 'bootMACAddress',
            message: `row ${row}: ${clash}`,
          });
        return !clash;
      });
      for (const p of problems) ctx.logger.warn(`Skipping ${p.message}`);
      if (good.length === 0) {
        throw new InputError(
          `hosts: no valid row to enroll: ${problems
            .map(p => p.message)
            .join('; ')}`,
        );
      }

      const dryRun = Boolean(ctx.isDryRun);
      const waveSize = Math.min(ctx.input.waveSize ?? MAX_WAVE, MAX_WAVE);
      const waves: (typeof good)[] = [];
      for (let i = 0; i < good.length; i += waveSize)
        waves.push(good.slice(i, i + waveSize));
      const audit = await openAudit(auditor, {
        eventId: 'host-enroll-batch',
        severityLevel: 'medium',
        meta: {
          cluster,
          namespace,
          rows: parsed.rows.length,
          valid: good.length,
          waves: waves.length,
          dryRun,
          taskId: ctx.task.id,
        },
      });
      const report: ReportLine[] = problems.map(p => ({
        row: p.row,
        name: p.name,
        status: 'invalid',
        field: p.field,
        message: p.message,
      }));
      try {
        for (const [w, wave] of waves.entries()) {
          ctx.logger.info(
            `Wave ${w + 1}/${waves.length}: ${
              dryRun ? 'checking' : 'creating'
            } ${wave.length} hosts`,
          );
          const lines = await mapLimit(
            wave,
            ctx.input.maxConcurrency ?? 5,
            ({ row, host }) => enrollRow({ row, host }),
          );
          report.push(...lines);
          const createdNow = lines
            .filter(l => l.status === 'created')
            .map(l => l.name!);
          const more = w < waves.length - 1;
          if (
            !dryRun &&
            more &&
            (ctx.input.waitForInspection ?? true) &&
            createdNow.length
          ) {
            await waitFor({
              check: () => createdNow.every(n => settled(cache, namespace, n)),
              progress: () =>
                `Wave ${w + 1}/${waves.length}: ${
                  createdNow.filter(n => settled(cache, namespace, n)).length
                }/${createdNow.length} hosts registered and inspected`,
              logger: ctx.logger,
              timeoutMs: (ctx.input.waveTimeoutMinutes ?? 30) * 60_000,
              signal: ctx.signal,
            });
          }
        }
      } catch (error) {
        await audit.fail(error);
        throw error;
      }
      report.sort((a, b) => a.row - b.row);
      const failed = report.filter(
        l => l.status === 'invalid' || l.status === 'failed',
      );
      const enrolled = report.filter(
        l => l.status === 'created' || l.status === 'exists',
      );
      const failedRows = failed.map(
        l => `row ${l.row}${l.field ? ` (${l.field})` : ''}`,
      );
      ctx.logger.info(
        `${dryRun ? 'Dry run: ' : ''}${enrolled.length} hosts ${
          dryRun ? 'would be enrolled' : 'enrolled'
        }, ${failed.length} rows failed${
          failedRows.length ? `: ${failedRows.join(', ')}` : ''
        }`,
      );
      await audit.succeed({
        enrolled: enrolled.length,
        created: report.filter(l => l.status === 'created').length,
        failedRows: failed.map(l => ({
          row: l.row,
          ...(l.field && { field: l.field }),
        })),
      });
      ctx.output('report', report);
      ctx.output('created', report.filter(l => l.status === 'created').length);
      ctx.output('failed', failed.length);
      ctx.output(
        'entityRefs',
        enrolled.map(l => hostLinks(cluster, namespace, l.name!).entityRef),
      );
      if (ctx.input.failOnInvalidRows && failed.length) {
        throw new InputError(
          `hosts: ${failed.length} rows were not enrolled: ${failed
            .map(l => l.message)
            .join('; ')}`,
        );
      }

      /** Task log lines of one row, prefixed with its row number. */
      function rowLog(row: number) {
        return {
          info: (m: string) => ctx.logger.info(`Row ${row}: ${m}`),
          warn: (m: string) => ctx.logger.warn(`Row ${row}: ${m}`),
        };
      }

      async function enrollRow({
        row,
        host,
      }: {
        row: number;
        host: HostRow;
      }): Promise<ReportLine> {
        const labels = { ...(ctx.input.labels ?? {}), ...(host.labels ?? {}) };
        const manifest = buildBareMetalHost({
          name: host.name,
          namespace,
          bmcAddress: host.bmcAddress,
          credentialsName: secretName(host.name),
          bootMACAddress: host.bootMACAddress,
          bootMode: host.bootMode ?? ctx.input.bootMode,
          disableCertificateVerification:
            host.disableCertificateVerification ??
            ctx.input.disableCertificateVerification,
          automatedCleaningMode: ctx.input.automatedCleaningMode,
          ...(Object.keys(labels).length && { labels }),
        });
        const secret = buildBmcSecret({
          name: secretName(host.name),
          namespace,
          username: host.username,
          password: passwordFor(ctx.secrets, host.name)!,
        });
        try {
          // A retried task skips rows a previous attempt already enrolled.
          const status = await ctx.checkpoint({
            key: `batch-host-${cluster}-${namespace}-${host.name}-${dryRun}`,
            fn: async () =>
              (
                await enrollHostWithSecret({
                  client,
                  secret,
                  host: manifest,
                  dryRun,
                  useExistingSecret: ctx.input.useExistingSecret,
                  log: rowLog(row),
                })
              ).host,
          });
          const what: Record<string, string> = {
            created: dryRun ? 'valid (dry run)' : 'created',
            exists: 'already enrolled',
          };
          ctx.logger.info(`Row ${row}: ${host.name} ${what[status]}`);
          return { row, name: host.name, status };
        } catch (error) {
          const message = `row ${row}: ${(error as Error).message}`;
          ctx.logger.warn(message);
          const field = /^([\w.[\]]+): /.exec((error as Error).message)?.[1];
          return {
            row,
            name: host.name,
            status: 'failed',
            ...(field && { field }),
            message,
          };
        }
      }
    },
  });
}

/** A boot MAC already used by another host of the cluster: Ironic would refuse the port. */
function macClash(
  cache: ClusterCache,
  namespace: string,
  host: HostRow,
): string | undefined {
  const mac = host.bootMACAddress.toLowerCase().replace(/-/g, ':');
  const other = cache
    .list('baremetalhosts')
    .find(
      h =>
        h.bootMACAddress === mac &&
        !(h.namespace === namespace && h.name === host.name),
    );
  return other
    ? `bootMACAddress: ${mac} already belongs to BareMetalHost ${other.namespace}/${other.name}`
    : undefined;
}
