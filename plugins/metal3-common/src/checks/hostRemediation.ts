/**
 * Each host's remediations, the guide's phase 6.3 ("How Remediation Works")
 * and 6.4 ("Check for active remediations"): the active Metal3Remediation
 * with its phase and retries, and the ones before it.
 */
import { okFinding, problemFinding, unknownFinding } from './findings';
import { Available, isUnavailable } from './inputs';
import { NamespacedRef, objectSubject } from './subjects';
import type { CheckEvidence, CheckFinding } from './types';

const HOW_IT_WORKS = 'Phase 6.3 — How Remediation Works';

/**
 * A Metal3Remediation: an active one (it exists) or a past one the backend
 * remembers (from events or its own records), for the host's history.
 *
 * @public
 */
export interface RemediationRecord {
  namespace: string;
  /** Named after the Machine it remediates. */
  name: string;
  host?: NamespacedRef;
  pool?: NamespacedRef;
  /** `Running | Waiting | Deleting machine | Failed`. */
  phase?: string;
  retryCount?: number;
  /** From the Metal3RemediationTemplate (default 1 in v1beta2). */
  retryLimit?: number;
  /** `metadata.creationTimestamp`. */
  startedAt?: string;
  /** `status.lastRemediated`. */
  lastRemediated?: string;
  /** When it went away (past records only). */
  endedAt?: string;
  active: boolean;
}

/** @public */
export interface HostRemediationInput {
  cluster: string;
  /** The hosts to report on (pool members). */
  hosts: { host: NamespacedRef; pool?: NamespacedRef }[];
  remediations: Available<RemediationRecord[]>;
  /** ISO time to measure durations against. */
  now: string;
}

/** One finding per host: its active remediation, if any, and its history. @public */
export function checkHostRemediations(
  input: HostRemediationInput,
): CheckFinding[] {
  return input.hosts.map(host => hostRemediation(input, host));
}

/**
 * The Metal3Remediations of one host, newest first: the host page's history.
 *
 * @public
 */
export function remediationHistory(
  records: readonly RemediationRecord[],
  host: NamespacedRef,
): RemediationRecord[] {
  return records
    .filter(
      r => r.host?.namespace === host.namespace && r.host?.name === host.name,
    )
    .sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
}

function hostRemediation(
  input: HostRemediationInput,
  target: { host: NamespacedRef; pool?: NamespacedRef },
): CheckFinding {
  const common = {
    check: 'remediation.host-remediation' as const,
    subject: objectSubject('host', input.cluster, target.host),
    also: target.pool
      ? [objectSubject('pool', input.cluster, target.pool)]
      : [],
  };
  if (isUnavailable(input.remediations)) {
    return unknownFinding({
      ...common,
      title: 'Metal3Remediations not read',
      missing: `no Metal3Remediation data: ${input.remediations.unavailable}`,
    });
  }
  const history = remediationHistory(input.remediations, target.host);
  const active = history.find(r => r.active);
  const past = history.filter(r => !r.active);
  const evidence: CheckEvidence[] = [
    {
      field: 'past Metal3Remediations',
      observed: past.map(
        r =>
          `${r.startedAt ?? '?'}${r.endedAt ? ` – ${r.endedAt}` : ''}${
            r.retryCount
              ? `, ${r.retryCount} retr${r.retryCount === 1 ? 'y' : 'ies'}`
              : ''
          }${r.phase ? ` (${r.phase})` : ''}`,
      ),
    },
  ];
  if (!active) {
    return okFinding({
      ...common,
      title:
        past.length === 0
          ? 'Never remediated'
          : `No active remediation (${past.length} before)`,
      evidence,
    });
  }
  const minutes = minutesSince(active.startedAt, input.now);
  const retries = `${active.retryCount ?? 0} of ${active.retryLimit ?? 1}`;
  evidence.unshift(
    {
      field: `Metal3Remediation ${active.name} status.phase`,
      observed: active.phase ?? null,
    },
    {
      field: `Metal3Remediation ${active.name} status.retryCount`,
      observed: active.retryCount ?? 0,
      expected: `< ${active.retryLimit ?? 1} (retryLimit)`,
      violation: (active.retryCount ?? 0) >= (active.retryLimit ?? 1),
    },
    {
      field: `Metal3Remediation ${active.name} metadata.creationTimestamp`,
      observed: active.startedAt ?? null,
    },
  );
  const commands = [
    `kubectl get metal3remediation -n ${active.namespace} ${active.name}`,
    `kubectl get machines -n ${active.namespace} -o wide`,
  ];
  const since = minutes !== undefined ? ` for ${minutes} min` : '';
  if (active.phase === 'Failed') {
    return problemFinding({
      ...common,
      severity: 'error',
      title: `Remediation of ${target.host.name} failed`,
      evidence,
      fix: {
        text: 'The remediation stopped: the host was powered off by its owner (spec.online false), so it is not power-cycled. Power it on or remove the host from its pool.',
        guide: HOW_IT_WORKS,
        commands,
      },
    });
  }
  if (active.phase === 'Deleting machine') {
    return problemFinding({
      ...common,
      severity: 'error',
      title: `${target.host.name} stayed unhealthy after ${retries} power-cycles: its Machine is being replaced`,
      evidence,
      fix: {
        text: 'If still unhealthy after retryLimit, the Machine is deleted and a new one is provisioned from the available BMH pool; the host is marked capm3.metal3.io/unhealthy and is not claimed again until that annotation is removed after repair.',
        guide: HOW_IT_WORKS,
        commands: [
          ...commands,
          `kubectl annotate bmh -n ${target.host.namespace} ${target.host.name} capm3.metal3.io/unhealthy-  # after the repair`,
        ],
      },
    });
  }
  return problemFinding({
    ...common,
    severity: 'warning',
    title: `${target.host.name} is being remediated${since} (${
      active.phase ?? 'starting'
    }, retry ${retries})`,
    evidence,
    fix: {
      text: 'CAPM3 powers the server off via its BMC, taints the Node out-of-service, powers it on and waits for the Node to become Ready. If it does not come back, check the BMC and the console.',
      guide: HOW_IT_WORKS,
      commands,
    },
  });
}

function minutesSince(
  start: string | undefined,
  now: string,
): number | undefined {
  if (!start) return undefined;
  const ms = Date.parse(now) - Date.parse(start);
  return Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 60_000)) : undefined;
}
