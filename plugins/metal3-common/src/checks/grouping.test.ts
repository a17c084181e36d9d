import {
  findingsForSubject,
  groupFindingsBySubject,
  sortFindings,
  summariseFindings,
} from './grouping';
import { checkNetwork } from './network';
import { checkNodeRoles } from './nodeRoles';
import { objectSubject, subjectKey } from './subjects';
import type { CheckFinding } from './types';

const pool = { namespace: 'metal3', name: 'kube-dc-workers' };
const host = (name: string) => ({ namespace: 'metal3', name });

/** worker-1 fine; worker-2's trunk NIC is eno2 and it carries the master label. */
function fleet(): CheckFinding[] {
  const nics = (trunk: string, n: number) => [
    { name: 'eno1', mac: `aa:00:00:00:00:0${n}`, ip: `10.0.0.${n}` },
    { name: trunk, mac: `aa:00:00:00:01:0${n}` },
  ];
  return [
    ...checkNetwork({
      cluster: 'c1',
      providerNetworks: [
        {
          name: 'ext-cloud',
          defaultInterface: 'eth1',
          status: { readyNodes: ['worker-1'], vlans: ['vlan200'] },
        },
      ],
      nodes: [{ name: 'worker-1' }, { name: 'worker-2' }],
      workers: [
        {
          host: host('worker-1'),
          pool,
          nodeName: 'worker-1',
          bootMACAddress: 'aa:00:00:00:00:01',
          nics: nics('eth1', 1),
        },
        {
          host: host('worker-2'),
          pool,
          nodeName: 'worker-2',
          bootMACAddress: 'aa:00:00:00:00:02',
          nics: nics('eno2', 2),
        },
      ],
    }),
    ...checkNodeRoles({
      cluster: 'c1',
      workers: [
        {
          host: host('worker-1'),
          pool,
          nodeName: 'worker-1',
          labels: { 'node-role.kubernetes.io/worker': '' },
        },
        {
          host: host('worker-2'),
          pool,
          nodeName: 'worker-2',
          labels: {
            'node-role.kubernetes.io/worker': '',
            'kube-ovn/role': 'master',
          },
        },
      ],
    }),
  ];
}

describe('groupFindingsBySubject', () => {
  it('gives each page its findings, a host problem also on its pool page', () => {
    const groups = groupFindingsBySubject(fleet());
    expect(groups.map(g => [g.key, g.summary])).toEqual([
      ['host:c1/metal3/worker-1', { ok: 2, problem: 0, unknown: 0 }],
      [
        'host:c1/metal3/worker-2',
        { ok: 0, problem: 3, unknown: 0, worst: 'error' },
      ],
      [
        'pool:c1/metal3/kube-dc-workers',
        { ok: 2, problem: 2, unknown: 0, worst: 'error' },
      ],
      [
        'provider-network:c1//ext-cloud',
        { ok: 2, problem: 2, unknown: 0, worst: 'error' },
      ],
    ]);
  });

  it('puts the worst first on a page', () => {
    const worker2 = groupFindingsBySubject(fleet()).find(
      g => g.key === 'host:c1/metal3/worker-2',
    )!;
    expect(worker2.findings.map(f => f.check)).toEqual([
      'network.ready-nodes',
      'network.trunk-nic-covered',
      'node.worker-labels',
    ]);
  });
});

describe('findingsForSubject', () => {
  it('finds what a pool page shows', () => {
    const findings = findingsForSubject(
      fleet(),
      objectSubject('pool', 'c1', pool),
    );
    expect(findings.map(f => [f.check, f.subject.name, f.outcome])).toEqual([
      ['network.trunk-nic-covered', 'worker-2', 'problem'],
      ['node.worker-labels', 'worker-2', 'problem'],
      ['network.trunk-nic-covered', 'worker-1', 'ok'],
      ['node.worker-labels', 'worker-1', 'ok'],
    ]);
  });
});

describe('sortFindings and summariseFindings', () => {
  const base = {
    check: 'stack.crd-served' as const,
    subject: objectSubject('host', 'c', host('h')),
    evidence: [],
  };
  const fix = { text: 't', guide: 'g' };
  const findings: CheckFinding[] = [
    { ...base, title: 'ok', outcome: 'ok' },
    { ...base, title: 'info', outcome: 'problem', severity: 'info', fix },
    { ...base, title: 'unknown', outcome: 'unknown', missing: 'm' },
    { ...base, title: 'warning', outcome: 'problem', severity: 'warning', fix },
    { ...base, title: 'error', outcome: 'problem', severity: 'error', fix },
  ];

  it('orders errors, warnings, infos, unknowns, oks', () => {
    expect(sortFindings(findings).map(f => f.title)).toEqual([
      'error',
      'warning',
      'info',
      'unknown',
      'ok',
    ]);
  });

  it('counts outcomes and names the worst severity', () => {
    expect(summariseFindings(findings)).toEqual({
      ok: 1,
      problem: 3,
      unknown: 1,
      worst: 'error',
    });
    expect(summariseFindings([])).toEqual({ ok: 0, problem: 0, unknown: 0 });
  });

  it('keys subjects stably', () => {
    expect(
      subjectKey({
        kind: 'provider-network',
        cluster: 'c1',
        name: 'ext-cloud',
      }),
    ).toBe('provider-network:c1//ext-cloud');
  });
});
