/**
 * Remediation, the guide's phase 6: a MachineHealthCheck watches each pool
 * (6.2), it can actually remediate at the pool's size, its counts (6.4
 * "Check MachineHealthCheck status"); with each host's Metal3Remediations
 * (hostRemediation.ts).
 */
import { okFinding, problemFinding, unknownFinding } from './findings';
import {
  HealthCheckThreshold,
  isRemediationAllowed,
  RemediationLimit,
  remediationLimit,
  smallestRemediatingPercent,
} from './healthCheckThreshold';
import { checkHostRemediations, RemediationRecord } from './hostRemediation';
import { Available, isUnavailable } from './inputs';
import { NamespacedRef, objectSubject } from './subjects';
import type {
  CheckEvidence,
  CheckFinding,
  CheckSubject,
  CheckValue,
} from './types';

const CREATE_MHC = 'Phase 6.2 — Create MachineHealthCheck';
const MONITOR = 'Phase 6.4 — Monitor Health Checks';

/** A MachineHealthCheck, normalised from v1beta1 or v1beta2. @public */
export interface HealthCheckFacts extends HealthCheckThreshold {
  namespace: string;
  name: string;
  /** The CAPI version it was read in; decides the field paths of the fix. */
  apiVersion?: 'v1beta1' | 'v1beta2';
  /** `remediationTemplate` / `remediation.templateRef`. */
  remediationTemplate?: { kind: string; name: string };
  /** The pools whose machines its selector matches. */
  pools: NamespacedRef[];
  /** Absent until CAPI has reconciled it. */
  status?: {
    expectedMachines?: number;
    currentHealthy?: number;
    remediationsAllowed?: number;
  };
}

/** A pool and its desired size. @public */
export interface PoolSizeFacts {
  pool: NamespacedRef;
  /** `spec.replicas`. */
  replicas?: number;
}

/** @public */
export interface RemediationInput {
  cluster: string;
  pools: PoolSizeFacts[];
  healthChecks: Available<HealthCheckFacts[]>;
  /** The hosts to report on (pool members). */
  hosts: { host: NamespacedRef; pool?: NamespacedRef }[];
  remediations: Available<RemediationRecord[]>;
  /** ISO time to measure durations against (passed in to keep this pure). */
  now: string;
}

/** Every remediation check: per pool (present, can remediate, status) and per host. @public */
export function checkRemediation(input: RemediationInput): CheckFinding[] {
  return [
    ...input.pools.flatMap(pool => poolFindings(input, pool)),
    ...checkHostRemediations(input),
  ];
}

function poolFindings(
  input: RemediationInput,
  pool: PoolSizeFacts,
): CheckFinding[] {
  const subject = objectSubject('pool', input.cluster, pool.pool);
  if (isUnavailable(input.healthChecks)) {
    const missing = `no MachineHealthCheck data: ${input.healthChecks.unavailable}`;
    return (
      [
        'remediation.health-check-present',
        'remediation.can-remediate',
        'remediation.health-check-status',
      ] as const
    ).map(check =>
      unknownFinding({
        check,
        subject,
        title: 'MachineHealthChecks not read',
        missing,
      }),
    );
  }
  const checks = input.healthChecks.filter(mhc =>
    mhc.pools.some(
      p => p.namespace === pool.pool.namespace && p.name === pool.pool.name,
    ),
  );
  return [
    present(subject, pool, checks),
    ...checks.flatMap(mhc => [
      canRemediate(input, subject, mhc),
      status(subject, mhc),
    ]),
  ];
}

function present(
  subject: CheckSubject,
  pool: PoolSizeFacts,
  checks: HealthCheckFacts[],
): CheckFinding {
  const common = {
    check: 'remediation.health-check-present' as const,
    subject,
  };
  const evidence: CheckEvidence[] = [
    {
      field: 'MachineHealthChecks selecting the pool',
      observed: checks.map(c => c.name),
      expected: 'at least one, with a remediation template',
      violation: checks.length === 0,
    },
    ...checks.map(c => ({
      field: `MachineHealthCheck ${c.name} spec.remediationTemplate`,
      observed: c.remediationTemplate
        ? `${c.remediationTemplate.kind}/${c.remediationTemplate.name}`
        : null,
    })),
  ];
  const guideFix = {
    text: "Create the guide's Metal3RemediationTemplate (strategy Reboot, retryLimit 2, timeout 600s) and a MachineHealthCheck selecting the pool's machines, with nodeStartupTimeout 30m for bare metal.",
    guide: `Phase 6.1 — Create Metal3RemediationTemplate; ${CREATE_MHC}`,
    commands: [
      'kubectl apply -f metal3remediationtemplate.yaml',
      'kubectl apply -f machinehealthcheck.yaml',
    ],
  };
  if (checks.length === 0) {
    return problemFinding({
      ...common,
      severity: 'warning',
      title: `No MachineHealthCheck watches pool ${pool.pool.name}`,
      evidence,
      fix: guideFix,
    });
  }
  const withoutTemplate = checks.filter(c => !c.remediationTemplate);
  if (withoutTemplate.length === checks.length) {
    return problemFinding({
      ...common,
      severity: 'warning',
      title: `MachineHealthCheck ${withoutTemplate[0].name} has no remediation template: an unhealthy worker is deleted and re-provisioned, not rebooted`,
      evidence,
      fix: {
        ...guideFix,
        text: 'The reboot strategy is recommended for bare metal — it power-cycles the server via BMC rather than reprovisioning from scratch. Add remediationTemplate: Metal3RemediationTemplate to the MachineHealthCheck.',
      },
    });
  }
  return okFinding({
    ...common,
    title: `Watched by ${checks.map(c => c.name).join(', ')}`,
    evidence,
  });
}

function canRemediate(
  input: RemediationInput,
  subject: CheckSubject,
  mhc: HealthCheckFacts,
): CheckFinding {
  const common = {
    check: 'remediation.can-remediate' as const,
    subject,
    item: mhc.name,
  };
  // The pool's size: the desired replicas of every pool the check selects,
  // else what CAPI counted (status.expectedMachines).
  const sizes = mhc.pools.map(
    p =>
      input.pools.find(
        x => x.pool.namespace === p.namespace && x.pool.name === p.name,
      )?.replicas,
  );
  const fromPools = sizes.every(s => s !== undefined);
  const size = fromPools
    ? sizes.reduce<number>((a, b) => a + (b ?? 0), 0)
    : mhc.status?.expectedMachines;
  const field = thresholdField(mhc);
  const value =
    mhc.unhealthyRange ?? mhc.unhealthyLessThanOrEqualTo ?? '100% (default)';
  if (size === undefined) {
    return unknownFinding({
      ...common,
      title: `MachineHealthCheck ${mhc.name}: pool size not known`,
      missing: `the number of machines of MachineHealthCheck ${mhc.name}: no spec.replicas on its pools and no status.expectedMachines yet`,
    });
  }
  const limit = remediationLimit(mhc, size);
  const evidence: CheckEvidence[] = [
    { field: `MachineHealthCheck ${mhc.name} ${field}`, observed: value },
    {
      field: fromPools
        ? 'machines (pool spec.replicas)'
        : 'machines (status.expectedMachines)',
      observed: size,
    },
    {
      field:
        'unhealthy machines it remediates (rounded down, as Cluster API does)',
      observed: remediatedCount(limit),
      expected: '≥ 1',
      violation: !limit.valid || !limit.canRemediate,
    },
  ];
  if (size === 0) {
    return okFinding({
      ...common,
      title: `MachineHealthCheck ${mhc.name}: the pool has no machines to remediate`,
      evidence,
    });
  }
  if (limit.valid && limit.canRemediate) {
    return okFinding({
      ...common,
      title: `MachineHealthCheck ${mhc.name} remediates up to ${limit.max} of ${size} machines`,
      evidence,
    });
  }
  const percent = smallestRemediatingPercent(size);
  const patch =
    mhc.apiVersion === 'v1beta2'
      ? `{"spec":{"remediation":{"triggerIf":{"unhealthyLessThanOrEqualTo":"${percent}%"}}}}`
      : `{"spec":{"maxUnhealthy":"${percent}%"}}`;
  const title = `MachineHealthCheck ${mhc.name} can never remediate: ${whyNever(
    mhc,
    limit,
    field,
    value,
    size,
  )}`;
  return problemFinding({
    ...common,
    severity: 'error',
    title,
    evidence,
    fix: {
      text: `Cluster API scales the percentage to the machine count and rounds down, so one unhealthy worker already exceeds it and remediation is short-circuited (the guide's own 40% on 2 replicas is 0). With ${size} machines, ${percent}% (or the integer 1) lets one machine be remediated; keep the safety valve for larger pools.`,
      guide: CREATE_MHC,
      commands: [
        `kubectl -n ${mhc.namespace} patch machinehealthcheck ${mhc.name} --type merge -p '${patch}'`,
      ],
    },
  });
}

/** The field the threshold is read from, in the version the check was read in. */
function thresholdField(mhc: HealthCheckFacts): string {
  const v1beta2 = mhc.apiVersion === 'v1beta2';
  if (mhc.unhealthyRange !== undefined) {
    return v1beta2
      ? 'spec.remediation.triggerIf.unhealthyInRange'
      : 'spec.unhealthyRange';
  }
  return v1beta2
    ? 'spec.remediation.triggerIf.unhealthyLessThanOrEqualTo'
    : 'spec.maxUnhealthy';
}

function remediatedCount(limit: RemediationLimit): CheckValue {
  if (!limit.valid) return null;
  return limit.min > 0 ? `${limit.min}–${limit.max}` : limit.max;
}

function whyNever(
  mhc: HealthCheckFacts,
  limit: RemediationLimit,
  field: string,
  value: string | number,
  size: number,
): string {
  if (!limit.valid) return limit.message;
  if (mhc.unhealthyRange !== undefined) {
    return `unhealthyRange ${mhc.unhealthyRange} cannot be reached with ${size} machines`;
  }
  const name = field.replace(/^spec\.(remediation\.triggerIf\.)?/, '');
  return `${name} ${value} of ${size} machines rounds down to ${limit.max}`;
}

function status(subject: CheckSubject, mhc: HealthCheckFacts): CheckFinding {
  const common = {
    check: 'remediation.health-check-status' as const,
    subject,
    item: mhc.name,
  };
  const s = mhc.status;
  if (s?.expectedMachines === undefined || s.currentHealthy === undefined) {
    return unknownFinding({
      ...common,
      title: `MachineHealthCheck ${mhc.name} has no status yet`,
      missing: `status.expectedMachines and status.currentHealthy of MachineHealthCheck ${mhc.name}: Cluster API has not reported on it`,
    });
  }
  const expected = s.expectedMachines;
  const healthy = s.currentHealthy;
  const unhealthy = Math.max(0, expected - healthy);
  const allowed = isRemediationAllowed(mhc, expected, unhealthy);
  const evidence: CheckEvidence[] = [
    { field: 'status.expectedMachines', observed: expected },
    {
      field: 'status.currentHealthy',
      observed: healthy,
      expected: `${expected}`,
      violation: unhealthy > 0,
    },
    {
      field: 'status.remediationsAllowed',
      observed: s.remediationsAllowed ?? null,
    },
  ];
  const counts = `${healthy} of ${expected} healthy, ${
    s.remediationsAllowed ?? 0
  } remediation(s) allowed`;
  if (unhealthy === 0) {
    return okFinding({
      ...common,
      title: `MachineHealthCheck ${mhc.name}: ${counts}`,
      evidence,
    });
  }
  const commands = [
    `kubectl get machinehealthcheck -n ${mhc.namespace} ${mhc.name}`,
    `kubectl get metal3remediation -n ${mhc.namespace}`,
    `kubectl get machines -n ${mhc.namespace} -o wide`,
  ];
  if (!allowed) {
    return problemFinding({
      ...common,
      severity: 'error',
      title: `MachineHealthCheck ${mhc.name} short-circuits remediation: ${unhealthy} of ${expected} unhealthy`,
      evidence,
      fix: {
        text: 'Too many machines are unhealthy for the safety valve (maxUnhealthy), so none is remediated. Find what they share (network, power, the control plane) before raising it.',
        guide: MONITOR,
        commands,
      },
    });
  }
  return problemFinding({
    ...common,
    severity: 'warning',
    title: `MachineHealthCheck ${mhc.name}: ${unhealthy} of ${expected} machines unhealthy, being remediated`,
    evidence,
    fix: {
      text: 'Monitor the MachineHealthCheck targets count and current healthy/unhealthy ratios; each unhealthy machine gets a Metal3Remediation that power-cycles its server.',
      guide: MONITOR,
      commands,
    },
  });
}
