import {
  checkRemediation,
  HealthCheckFacts,
  RemediationInput,
} from './remediation';
import type { CheckFinding } from './types';

const pool = { namespace: 'metal3', name: 'kube-dc-workers' };
const worker1 = { namespace: 'metal3', name: 'worker-1' };
const NOW = '2026-11-25T12:00:00Z';

/** The guide's MachineHealthCheck (maxUnhealthy 40%, Metal3 remediation). */
function guideMhc(patch: Partial<HealthCheckFacts> = {}): HealthCheckFacts {
  return {
    namespace: 'metal3',
    name: 'worker-healthcheck',
    apiVersion: 'v1beta1',
    unhealthyLessThanOrEqualTo: '40%',
    remediationTemplate: {
      kind: 'Metal3RemediationTemplate',
      name: 'worker-remediation',
    },
    pools: [pool],
    status: { expectedMachines: 2, currentHealthy: 2, remediationsAllowed: 0 },
    ...patch,
  };
}

function input(
  patch: Partial<RemediationInput> = {},
  replicas = 2,
): RemediationInput {
  return {
    cluster: 'c1',
    pools: [{ pool, replicas }],
    healthChecks: [guideMhc()],
    hosts: [{ host: worker1, pool }],
    remediations: [],
    now: NOW,
    ...patch,
  };
}

const one = (findings: CheckFinding[], check: string) => {
  const found = findings.filter(f => f.check === check);
  expect(found).toHaveLength(1);
  return found[0] as any;
};

describe('remediation.can-remediate', () => {
  it("flags the guide's own 40% on 2 replicas: it rounds down to 0", () => {
    const finding = one(checkRemediation(input()), 'remediation.can-remediate');
    expect(finding).toMatchObject({
      subject: { kind: 'pool', name: 'kube-dc-workers' },
      item: 'worker-healthcheck',
      outcome: 'problem',
      severity: 'error',
      title:
        'MachineHealthCheck worker-healthcheck can never remediate: maxUnhealthy 40% of 2 machines rounds down to 0',
      evidence: [
        {
          field: 'MachineHealthCheck worker-healthcheck spec.maxUnhealthy',
          observed: '40%',
        },
        { field: 'machines (pool spec.replicas)', observed: 2 },
        {
          field:
            'unhealthy machines it remediates (rounded down, as Cluster API does)',
          observed: 0,
          expected: '≥ 1',
          violation: true,
        },
      ],
      fix: {
        guide: 'Phase 6.2 — Create MachineHealthCheck',
        commands: [
          `kubectl -n metal3 patch machinehealthcheck worker-healthcheck --type merge -p '{"spec":{"maxUnhealthy":"50%"}}'`,
        ],
      },
    });
  });

  it.each([
    ['40% on 3 replicas', { unhealthyLessThanOrEqualTo: '40%' }, 3, 'ok'],
    ['40% on 2 replicas', { unhealthyLessThanOrEqualTo: '40%' }, 2, 'problem'],
    [
      'the default 100% on 1',
      { unhealthyLessThanOrEqualTo: undefined },
      1,
      'ok',
    ],
    ['integer 0', { unhealthyLessThanOrEqualTo: 0 }, 5, 'problem'],
    ['a range [1-2]', { unhealthyRange: '[1-2]' }, 2, 'ok'],
    ['a range [3-4] on 2', { unhealthyRange: '[3-4]' }, 2, 'problem'],
    ['an invalid value', { unhealthyLessThanOrEqualTo: '40' }, 5, 'problem'],
    ['an empty pool', {}, 0, 'ok'],
  ])('%s → %s', (_case, patch, replicas, outcome) => {
    const finding = one(
      checkRemediation(
        input({ healthChecks: [guideMhc(patch as any)] }, replicas),
      ),
      'remediation.can-remediate',
    );
    expect(finding.outcome).toBe(outcome);
  });

  it('patches the v1beta2 field on a v1beta2 cluster', () => {
    const finding = one(
      checkRemediation(
        input({ healthChecks: [guideMhc({ apiVersion: 'v1beta2' })] }, 3),
      ),
      'remediation.can-remediate',
    );
    expect(finding.outcome).toBe('ok');
    const small = one(
      checkRemediation(
        input({ healthChecks: [guideMhc({ apiVersion: 'v1beta2' })] }, 2),
      ),
      'remediation.can-remediate',
    );
    expect(small.title).toBe(
      'MachineHealthCheck worker-healthcheck can never remediate: unhealthyLessThanOrEqualTo 40% of 2 machines rounds down to 0',
    );
    expect(small.fix.commands[0]).toContain(
      '{"spec":{"remediation":{"triggerIf":{"unhealthyLessThanOrEqualTo":"50%"}}}}',
    );
  });

  it("falls back to the health check's expectedMachines when the pool size is unknown", () => {
    const finding = one(
      checkRemediation(input({ pools: [{ pool }] })),
      'remediation.can-remediate',
    );
    expect(finding).toMatchObject({ outcome: 'problem' });
    expect(finding.evidence[1]).toEqual({
      field: 'machines (status.expectedMachines)',
      observed: 2,
    });
  });

  it('is unknown when neither the pool size nor the status is known', () => {
    const finding = one(
      checkRemediation(
        input({
          pools: [{ pool }],
          healthChecks: [guideMhc({ status: undefined })],
        }),
      ),
      'remediation.can-remediate',
    );
    expect(finding.outcome).toBe('unknown');
    expect(finding.missing).toContain('no spec.replicas on its pools');
  });
});

describe('remediation.health-check-present', () => {
  it.each([
    [
      'watched with a Metal3RemediationTemplate',
      [guideMhc()],
      'ok',
      'Watched by worker-healthcheck',
    ],
    [
      'not watched',
      [],
      'problem',
      'No MachineHealthCheck watches pool kube-dc-workers',
    ],
    [
      'watched by a check of another pool',
      [guideMhc({ pools: [{ namespace: 'metal3', name: 'gpu' }] })],
      'problem',
      'No MachineHealthCheck watches pool kube-dc-workers',
    ],
    [
      'watched without remediation template',
      [guideMhc({ remediationTemplate: undefined })],
      'problem',
      'MachineHealthCheck worker-healthcheck has no remediation template: an unhealthy worker is deleted and re-provisioned, not rebooted',
    ],
  ])('%s → %s', (_case, healthChecks, outcome, title) => {
    const finding = one(
      checkRemediation(input({ healthChecks })),
      'remediation.health-check-present',
    );
    expect(finding).toMatchObject({ outcome, title });
  });

  it('is unknown for every pool check when MachineHealthChecks cannot be read', () => {
    const findings = checkRemediation(
      input({ healthChecks: { unavailable: 'forbidden' } }),
    ).filter(f => f.subject.kind === 'pool');
    expect(findings.map(f => [f.check, f.outcome])).toEqual([
      ['remediation.health-check-present', 'unknown'],
      ['remediation.can-remediate', 'unknown'],
      ['remediation.health-check-status', 'unknown'],
    ]);
  });
});

describe('remediation.health-check-status', () => {
  it.each([
    [
      'all healthy',
      { expectedMachines: 3, currentHealthy: 3, remediationsAllowed: 1 },
      'ok',
      undefined,
    ],
    [
      'one unhealthy, allowed',
      { expectedMachines: 3, currentHealthy: 2, remediationsAllowed: 0 },
      'problem',
      'warning',
    ],
    [
      'two unhealthy, short-circuited',
      { expectedMachines: 3, currentHealthy: 1, remediationsAllowed: 0 },
      'problem',
      'error',
    ],
    ['no status yet', undefined, 'unknown', undefined],
  ])('%s → %s', (_case, status, outcome, severity) => {
    const finding = one(
      checkRemediation(input({ healthChecks: [guideMhc({ status })] }, 3)),
      'remediation.health-check-status',
    );
    expect(finding.outcome).toBe(outcome);
    expect(finding.severity).toBe(severity);
  });

  it('summarises expected, healthy and allowed in the title', () => {
    const finding = one(
      checkRemediation(
        input(
          {
            healthChecks: [
              guideMhc({
                status: {
                  expectedMachines: 3,
                  currentHealthy: 3,
                  remediationsAllowed: 1,
                },
              }),
            ],
          },
          3,
        ),
      ),
      'remediation.health-check-status',
    );
    expect(finding.title).toBe(
      'MachineHealthCheck worker-healthcheck: 3 of 3 healthy, 1 remediation(s) allowed',
    );
  });
});
