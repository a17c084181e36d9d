import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';

/** Audit metadata: JSON only (never a password or token). */
export type AuditMeta = NonNullable<AuditorServiceCreateEventOptions['meta']>;

/** The outcome side of one audit record; only the first call counts. */
export interface AuditRecord {
  succeed(meta?: AuditMeta): Promise<void>;
  fail(error: unknown, meta?: AuditMeta): Promise<void>;
}

/**
 * Opens the audit record of one request (REST call or scaffolder step).
 * Every request gets exactly one record with exactly one outcome: a second
 * outcome (a failure while recording success, a retried handler) is
 * dropped, so the audit log never shows one request twice.
 */
export async function openAudit(
  auditor: AuditorService,
  options: AuditorServiceCreateEventOptions,
): Promise<AuditRecord> {
  const event = await auditor.createEvent(options);
  let settled = false;
  return {
    async succeed(meta) {
      if (settled) return;
      settled = true;
      await event.success(meta ? { meta } : undefined);
    },
    async fail(error, meta) {
      if (settled) return;
      settled = true;
      await event.fail({
        error: error instanceof Error ? error : new Error(String(error)),
        ...(meta && { meta }),
      });
    },
  };
}

/**
 * Runs `work` inside one audit record: success with `outcome(result)`, or
 * failure with the error, which is rethrown.
 */
export async function audited<T>(
  auditor: AuditorService,
  options: AuditorServiceCreateEventOptions,
  work: () => Promise<T>,
  outcome?: (result: T) => AuditMeta | undefined,
): Promise<T> {
  const record = await openAudit(auditor, options);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await record.fail(error);
    throw error;
  }
  await record.succeed(outcome?.(result));
  return result;
}
