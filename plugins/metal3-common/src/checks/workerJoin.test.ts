import { checkWorkerJoin, MachineJoinFacts } from './workerJoin';

const NOW = '2026-11-25T12:00:00Z';
const base: MachineJoinFacts = {
  machine: { namespace: 'metal3', name: 'kube-dc-workers-abc12' },
  host: { namespace: 'metal3', name: 'worker-1' },
  pool: { namespace: 'metal3', name: 'kube-dc-workers' },
  providerID: 'metal3://metal3/worker-1/kube-dc-workers-abc12',
  provisionedAt: '2026-11-25T11:50:00Z',
};

const run = (patch: Partial<MachineJoinFacts>, joinTimeoutMinutes?: number) =>
  checkWorkerJoin({
    cluster: 'c1',
    machines: [{ ...base, ...patch }],
    now: NOW,
    joinTimeoutMinutes,
  });

describe('practice.worker-joined', () => {
  it.each([
    [
      'joined',
      { nodeName: 'worker-1' },
      undefined,
      'ok',
      'Joined as node worker-1',
    ],
    [
      '10 min, within 30',
      {},
      undefined,
      'ok',
      'Provisioned 10 min ago, joining (allowed 30 min)',
    ],
    [
      '45 min, over 30',
      { provisionedAt: '2026-11-25T11:15:00Z' },
      undefined,
      'problem',
      'worker-1 was provisioned 45 min ago and has not joined the cluster',
    ],
    [
      '10 min, over a configured 5',
      {},
      5,
      'problem',
      'worker-1 was provisioned 10 min ago and has not joined the cluster',
    ],
    [
      'no provisioning time',
      { provisionedAt: undefined },
      undefined,
      'unknown',
      'Machine kube-dc-workers-abc12 has no Node; provisioning time not known',
    ],
  ])('%s → %s', (_case, patch, limit, outcome, title) => {
    expect(run(patch, limit)).toEqual([
      expect.objectContaining({ outcome, title }),
    ]);
  });

  it("gives the guide's causes and the agent log command", () => {
    const [finding] = run({ provisionedAt: '2026-11-25T10:00:00Z' }) as any[];
    expect(finding).toMatchObject({
      subject: { kind: 'host', name: 'worker-1' },
      also: [{ kind: 'pool', name: 'kube-dc-workers' }],
      severity: 'error',
      fix: {
        guide: 'Troubleshooting — Worker Node Not Joining Cluster',
        commands: expect.arrayContaining([
          'sudo journalctl -u rke2-agent -f   # on the worker',
        ]),
      },
    });
    expect(finding.fix.text).toContain('wrong join token');
    expect(finding.fix.text).toContain('DNS resolution failing');
  });

  it('says nothing about a machine not provisioned yet', () => {
    expect(run({ providerID: undefined })).toEqual([]);
  });

  it('reports on the pool page when the host is not known', () => {
    const [finding] = run({
      host: undefined,
      provisionedAt: '2026-11-25T10:00:00Z',
    });
    expect(finding.subject).toMatchObject({
      kind: 'pool',
      name: 'kube-dc-workers',
    });
    expect(finding.title).toBe(
      'kube-dc-workers-abc12 was provisioned 120 min ago and has not joined the cluster',
    );
  });
});
