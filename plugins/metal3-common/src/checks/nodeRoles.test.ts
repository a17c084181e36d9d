import { checkNodeRoles, NodeLabelRule, WorkerNodeFacts } from './nodeRoles';

const WORKER = { 'node-role.kubernetes.io/worker': 'true' };

const worker = (
  labels: WorkerNodeFacts['labels'],
  nodeName?: string,
): WorkerNodeFacts => ({
  host: { namespace: 'metal3', name: 'worker-1' },
  pool: { namespace: 'metal3', name: 'kube-dc-workers' },
  nodeName: nodeName ?? 'worker-1',
  labels,
});

describe('checkNodeRoles', () => {
  it.each([
    [
      'a plain worker',
      WORKER,
      'ok',
      undefined,
      "Node worker-1 has a worker's labels",
    ],
    [
      'the worker role with an empty value',
      { 'node-role.kubernetes.io/worker': '' },
      'ok',
      undefined,
      "Node worker-1 has a worker's labels",
    ],
    [
      'kube-ovn/role=master on a worker',
      { ...WORKER, 'kube-ovn/role': 'master' },
      'problem',
      'error',
      'Node worker-1 carries kube-ovn/role=master',
    ],
    [
      'kube-ovn/role with another value',
      { ...WORKER, 'kube-ovn/role': 'worker' },
      'ok',
      undefined,
      "Node worker-1 has a worker's labels",
    ],
    [
      'kube-dc-manager=true',
      { ...WORKER, 'kube-dc-manager': 'true' },
      'problem',
      'error',
      'Node worker-1 carries kube-dc-manager=true',
    ],
    [
      'no worker role',
      {},
      'problem',
      'warning',
      'Node worker-1 lacks node-role.kubernetes.io/worker',
    ],
    [
      'a master label and no worker role',
      { 'kube-ovn/role': 'master' },
      'problem',
      'error',
      'Node worker-1 carries kube-ovn/role=master and lacks node-role.kubernetes.io/worker',
    ],
  ])('%s → %s', (_case, labels, outcome, severity, title) => {
    const [finding] = checkNodeRoles({
      cluster: 'c1',
      workers: [worker(labels)],
    }) as any[];
    expect(finding).toMatchObject({
      check: 'node.worker-labels',
      outcome,
      title,
    });
    expect(finding.severity).toBe(severity);
  });

  it('proves a violation with the label value and fixes it with kubectl', () => {
    const [finding] = checkNodeRoles({
      cluster: 'c1',
      workers: [worker({ 'kube-ovn/role': 'master' })],
    });
    expect(finding).toMatchObject({
      subject: { kind: 'host', name: 'worker-1' },
      also: [{ kind: 'pool', name: 'kube-dc-workers' }],
      evidence: [
        {
          field: 'Node worker-1 metadata.labels[kube-ovn/role]',
          observed: 'master',
          expected: 'not master',
          violation: true,
        },
        {
          field: 'Node worker-1 metadata.labels[kube-dc-manager]',
          observed: null,
          expected: 'not true',
          violation: false,
        },
        {
          field:
            'Node worker-1 metadata.labels[node-role.kubernetes.io/worker]',
          observed: null,
          expected: 'present',
          violation: true,
        },
      ],
      fix: {
        guide: 'Phase 5.2 — Node Labels',
        commands: [
          "kubectl get node worker-1 --show-labels | grep -E 'kube-ovn/role|kube-dc-manager'",
          'kubectl label node worker-1 kube-ovn/role-',
          'kubectl label node worker-1 node-role.kubernetes.io/worker=true --overwrite',
        ],
      },
    });
  });

  it('applies configured rules instead of the defaults', () => {
    const rules: NodeLabelRule[] = [
      {
        key: 'topology.kubernetes.io/zone',
        require: 'present',
        severity: 'info',
        why: 'zones spread VMs',
      },
      {
        key: 'gpu',
        require: 'absent',
        severity: 'warning',
        why: 'no GPU pool here',
      },
    ];
    const [finding] = checkNodeRoles({
      cluster: 'c1',
      workers: [worker({ 'kube-ovn/role': 'master', gpu: 'a100' })],
      rules,
    }) as any[];
    expect(finding).toMatchObject({
      outcome: 'problem',
      severity: 'warning',
      title:
        'Node worker-1 lacks topology.kubernetes.io/zone and carries gpu=a100',
    });
  });

  it('is unknown when the Node could not be read', () => {
    const [finding] = checkNodeRoles({
      cluster: 'c1',
      workers: [worker({ unavailable: 'Node worker-1 not found' })],
    });
    expect(finding).toMatchObject({
      outcome: 'unknown',
      missing: 'the labels of Node worker-1: Node worker-1 not found',
    });
  });

  it('says nothing about a worker that has not joined', () => {
    const w = { ...worker(WORKER), nodeName: undefined };
    expect(checkNodeRoles({ cluster: 'c1', workers: [w] })).toEqual([]);
  });
});
