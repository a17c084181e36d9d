import { Config } from '@backstage/config';
import {
  APPROVAL_KINDS,
  ApprovalKind,
  isApprovalKind,
} from '@metal3-fleet/plugin-metal3-common';

export interface ApprovalSettings {
  /** The operations that wait for a second person; none by default. */
  required: ReadonlySet<ApprovalKind>;
  /** A pending request expires, running nothing, after this long. */
  expiresAfterMs: number;
  /** Closed requests are deleted this long after they ended. */
  keepMs: number;
}

function positive(config: Config | undefined, key: string, fallback: number) {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) {
    throw new Error(
      `metal3.approvals.${key}: must be a positive number, not ${value}`,
    );
  }
  return value;
}

/** `metal3.approvals`: see docs/configuration.md. */
export function readApprovalSettings(config: Config): ApprovalSettings {
  const approvals = config.getOptionalConfig('metal3.approvals');
  const names = approvals?.getOptionalStringArray('required') ?? [];
  const unknown = names.filter(name => !isApprovalKind(name));
  if (unknown.length) {
    throw new Error(
      `metal3.approvals.required: ${unknown
        .map(n => `"${n}"`)
        .join(', ')} is not one of ${APPROVAL_KINDS.join(', ')}`,
    );
  }
  return {
    required: new Set(names as ApprovalKind[]),
    expiresAfterMs: positive(approvals, 'expiresAfterMinutes', 60) * 60_000,
    keepMs: positive(approvals, 'keepDays', 30) * 24 * 60 * 60_000,
  };
}
