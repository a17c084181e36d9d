import {
  checkHostRemediations,
  RemediationRecord,
  remediationHistory,
} from './hostRemediation';
import type { CheckFinding } from './types';

const pool = { namespace: 'metal3', name: 'kube-dc-workers' };
const worker1 = { namespace: 'metal3', name: 'worker-1' };
const NOW = '2026-11-25T12:00:00Z';

const input = (patch: { remediations: any }) => ({
  cluster: 'c1',
  hosts: [{ host: worker1, pool }],
  now: NOW,
  ...patch,
});

const one = (findings: CheckFinding[], check: string) => {
  const found = findings.filter(f => f.check === check);
  expect(found).toHaveLength(1);
  return found[0] as any;
};

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
      checkHostRemediations(input({ remediations })),
      'remediation.host-remediation',
    );
    expect(finding).toMatchObject({ outcome, title });
    expect(finding.severity).toBe(severity);
  });

  it('shows on the host and its pool with the past remediations', () => {
    const finding = one(
      checkHostRemediations(
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
      checkHostRemediations(
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
