import {
  checkRemediation,
  HealthCheckFacts,
  RemediationInput,
  RemediationRecord,
  remediationHistory,
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

describe('remediation.host-remediation', () => {
  const record = (patch: Partial<RemediationRecord>): RemediationRecord => ({
    namespace: 'metal3',
    name: 'kube-dc-workers-abc12',
    host: worker1,
    pool,
    phase: 'Running',
    retryCount: 1,
    retryLimit: 2,
    startedAt: '2026-11-25T11:48:00Z',
    active: true,
    ...patch,
  });

  it.each([
    ['never remediated', [], 'ok', undefined, 'Never remediated'],
    [
      'remediated before',
      [
        record({
          active: false,
          startedAt: '2026-11-01T10:00:00Z',
          endedAt: '2026-11-01T10:20:00Z',
        }),
      ],
      'ok',
      undefined,
      'No active remediation (1 before)',
    ],
    [
      'being power-cycled',
      [record({})],
      'problem',
      'warning',
      'worker-1 is being remediated for 12 min (Running, retry 1 of 2)',
    ],
    [
      'retries exhausted',
      [record({ phase: 'Deleting machine', retryCount: 2 })],
      'problem',
      'error',
      'worker-1 stayed unhealthy after 2 of 2 power-cycles: its Machine is being replaced',
    ],
    [
      'failed',
      [record({ phase: 'Failed' })],
      'problem',
      'error',
      'Remediation of worker-1 failed',
    ],
    [
      "another host's remediation",
      [record({ host: { namespace: 'metal3', name: 'worker-2' } })],
      'ok',
      undefined,
      'Never remediated',
    ],
  ])('%s → %s', (_case, remediations, outcome, severity, title) => {
    const finding = one(
      checkRemediation(input({ remediations })),
      'remediation.host-remediation',
    );
    expect(finding).toMatchObject({ outcome, title });
    expect(finding.severity).toBe(severity);
  });

  it('shows on the host and its pool with the past remediations', () => {
    const finding = one(
      checkRemediation(
        input({
          remediations: [
            record({}),
            record({
              active: false,
              phase: 'Waiting',
              startedAt: '2026-11-01T10:00:00Z',
              endedAt: '2026-11-01T10:20:00Z',
            }),
          ],
        }),
      ),
      'remediation.host-remediation',
    );
    expect(finding.subject).toMatchObject({ kind: 'host', name: 'worker-1' });
    expect(finding.also).toEqual([
      {
        kind: 'pool',
        cluster: 'c1',
        namespace: 'metal3',
        name: 'kube-dc-workers',
      },
    ]);
    expect(finding.evidence).toContainEqual({
      field: 'past Metal3Remediations',
      observed: [
        '2026-11-01T10:00:00Z – 2026-11-01T10:20:00Z, 1 retry (Waiting)',
      ],
    });
  });

  it('is unknown when Metal3Remediations cannot be read', () => {
    const finding = one(
      checkRemediation(
        input({
          remediations: {
            unavailable: 'the cluster serves no metal3remediations',
          },
        }),
      ),
      'remediation.host-remediation',
    );
    expect(finding.missing).toBe(
      'no Metal3Remediation data: the cluster serves no metal3remediations',
    );
  });

  it('lists a host history newest first', () => {
    const history = remediationHistory(
      [
        record({ name: 'a', startedAt: '2026-10-01T00:00:00Z', active: false }),
        record({ name: 'b', startedAt: '2026-11-01T00:00:00Z', active: false }),
        record({ name: 'c', host: { namespace: 'metal3', name: 'worker-2' } }),
      ],
      worker1,
    );
    expect(history.map(r => r.name)).toEqual(['b', 'a']);
  });
});
