import {
  checkNetwork,
  interfaceForNode,
  NetworkInput,
  ProviderNetworkFacts,
  WorkerNetworkFacts,
} from './network';
import type { CheckFinding } from './types';

const pool = { namespace: 'metal3', name: 'kube-dc-workers' };
const MASTERS = ['master-1', 'master-2', 'master-3'];

/** A worker whose management NIC is eno1 (boot, addressed) and trunk `trunk`. */
function worker(n: number, trunk = 'eth1'): WorkerNetworkFacts {
  return {
    host: { namespace: 'metal3', name: `worker-${n}` },
    pool,
    nodeName: `worker-${n}`,
    bootMACAddress: `aa:bb:cc:dd:ee:0${n}`,
    nics: [
      {
        name: 'eno1',
        mac: `aa:bb:cc:dd:ee:0${n}`,
        ip: `192.168.0.5${n}`,
        speedGbps: 1,
      },
      { name: trunk, mac: `aa:bb:cc:dd:ff:0${n}`, speedGbps: 25 },
    ],
  };
}

/** The guide's ext-cloud (defaultInterface eth1), ready everywhere. */
function extCloud(patch: Partial<ProviderNetworkFacts> = {}) {
  return {
    name: 'ext-cloud',
    defaultInterface: 'eth1',
    status: {
      readyNodes: [...MASTERS, 'worker-1', 'worker-2'],
      vlans: ['vlan200', 'vlan300'],
    },
    ...patch,
  };
}

function input(
  workers: WorkerNetworkFacts[],
  network: ProviderNetworkFacts = extCloud(),
  extra: Partial<NetworkInput> = {},
): NetworkInput {
  return {
    cluster: 'c1',
    providerNetworks: [network],
    nodes: [
      ...MASTERS.map(name => ({ name })),
      ...workers.filter(w => w.nodeName).map(w => ({ name: w.nodeName! })),
    ],
    workers,
    ...extra,
  };
}

const of = (findings: CheckFinding[], check: string) =>
  findings.filter(f => f.check === check);

describe('checkNetwork', () => {
  it('is all ok for the guide: same NIC names everywhere, every node ready, VLANs present', () => {
    const findings = checkNetwork(input([worker(1), worker(2)]));
    expect(findings.map(f => [f.check, f.subject.name, f.outcome])).toEqual([
      ['network.ready-nodes', 'ext-cloud', 'ok'],
      ['network.trunk-nic-covered', 'worker-1', 'ok'],
      ['network.trunk-nic-covered', 'worker-2', 'ok'],
      ['network.vlan-subinterfaces', 'ext-cloud', 'ok'],
    ]);
  });

  describe('network.trunk-nic-covered', () => {
    it.each([
      [
        'trunk named like the default',
        worker(1),
        extCloud(),
        'ok',
        'Kube-OVN uses eth1 on worker-1 for ext-cloud',
      ],
      [
        'trunk covered by a customInterfaces entry',
        worker(1, 'eno2'),
        extCloud({
          customInterfaces: [{ interface: 'eno2', nodes: ['worker-1'] }],
        }),
        'ok',
        'Kube-OVN uses eno2 on worker-1 for ext-cloud',
      ],
      [
        'another name and no entry (the lab seed)',
        worker(1, 'eno2'),
        extCloud(),
        'problem',
        'Trunk NIC eno2 of worker-1 is not in ProviderNetwork ext-cloud (it uses eth1, which worker-1 does not have)',
      ],
      [
        "an entry for another node's NIC name",
        worker(1, 'eno2'),
        extCloud({
          customInterfaces: [{ interface: 'eno2', nodes: ['worker-2'] }],
        }),
        'problem',
        'Trunk NIC eno2 of worker-1 is not in ProviderNetwork ext-cloud (it uses eth1, which worker-1 does not have)',
      ],
      [
        'the default is the management NIC',
        worker(1, 'eno2'),
        extCloud({ defaultInterface: 'eno1' }),
        'problem',
        "Kube-OVN would bridge eno1 on worker-1, which is worker-1's management NIC, for ext-cloud",
      ],
    ])('%s → %s', (_case, w, network, outcome, title) => {
      const [finding] = of(
        checkNetwork(input([w], network)),
        'network.trunk-nic-covered',
      );
      expect(finding).toMatchObject({ outcome, title });
    });

    it('fixes with the provider-network update template, prefilled, shown on host and pool', () => {
      const [finding] = of(
        checkNetwork(input([worker(3, 'eno2')])),
        'network.trunk-nic-covered',
      );
      expect(finding).toEqual({
        check: 'network.trunk-nic-covered',
        subject: {
          kind: 'host',
          cluster: 'c1',
          namespace: 'metal3',
          name: 'worker-3',
        },
        also: [
          {
            kind: 'pool',
            cluster: 'c1',
            namespace: 'metal3',
            name: 'kube-dc-workers',
          },
          { kind: 'provider-network', cluster: 'c1', name: 'ext-cloud' },
        ],
        item: 'ext-cloud',
        outcome: 'problem',
        severity: 'error',
        title:
          'Trunk NIC eno2 of worker-3 is not in ProviderNetwork ext-cloud (it uses eth1, which worker-3 does not have)',
        evidence: [
          {
            field: 'ProviderNetwork ext-cloud spec.defaultInterface',
            observed: 'eth1',
            expected: 'eno2 (the trunk NIC of worker-3)',
            violation: true,
          },
          {
            field: 'BareMetalHost worker-3 status.hardware.nics[].name',
            observed: ['eno1', 'eno2'],
            expected: 'contains eth1',
            violation: true,
          },
          {
            field: 'trunk NIC (fastest NIC without address, not the boot NIC)',
            observed: 'eno2',
          },
        ],
        fix: {
          text: "Worker's trunk NIC not matched in ProviderNetwork: add a customInterfaces entry (interface eno2, node worker-3). If workers have different NIC names, add customInterfaces.",
          guide:
            'Phase 5.1 — Update ProviderNetwork; Troubleshooting — Kube-OVN Not Working on Worker',
          template: {
            name: 'metal3-update-provider-network',
            action: 'metal3:provider-network:update',
            values: {
              cluster: 'c1',
              providerNetwork: 'ext-cloud',
              namespace: 'metal3',
              pool: 'kube-dc-workers',
              nicName: 'eno2',
            },
          },
        },
      });
    });

    it('uses the trunk NIC configured for the pool over the rule', () => {
      const w = { ...worker(1, 'eno2'), trunkNicName: 'eno2' };
      const [finding] = of(
        checkNetwork(input([w])),
        'network.trunk-nic-covered',
      ) as any[];
      expect(finding.fix.template.values.nicName).toBe('eno2');
    });

    it('has no template when the host has no trunk candidate', () => {
      const w: WorkerNetworkFacts = {
        ...worker(1),
        nics: [{ name: 'eno1', mac: 'aa:bb:cc:dd:ee:01', ip: '192.168.0.51' }],
      };
      const [finding] = of(
        checkNetwork(input([w])),
        'network.trunk-nic-covered',
      ) as any[];
      expect(finding.outcome).toBe('problem');
      expect(finding.fix.template).toBeUndefined();
      expect(finding.fix.commands[0]).toContain('kubectl get bmh worker-1');
    });

    it('says when the NIC configured for the pool is not on the host', () => {
      const w = { ...worker(1, 'eno2'), trunkNicName: 'ens5' };
      const [finding] = of(
        checkNetwork(input([w])),
        'network.trunk-nic-covered',
      ) as any[];
      expect(finding).toMatchObject({
        outcome: 'problem',
        title:
          'Trunk NIC of worker-1 is not in ProviderNetwork ext-cloud (it uses eth1, which worker-1 does not have)',
      });
      expect(finding.fix.text).toContain(
        'The trunk NIC configured for the pool, ens5, is not among the NICs',
      );
      expect(finding.fix.template).toBeUndefined();
    });

    it('is unknown when the host has not been inspected', () => {
      const w = {
        ...worker(1),
        nics: { unavailable: 'not inspected yet (state: inspecting)' },
      };
      const [finding] = of(
        checkNetwork(input([w])),
        'network.trunk-nic-covered',
      );
      expect(finding).toMatchObject({
        outcome: 'unknown',
        missing: 'the NICs of worker-1: not inspected yet (state: inspecting)',
      });
    });

    it.each([
      [
        'a worker that has not joined',
        { ...worker(1), nodeName: undefined },
        extCloud(),
      ],
      [
        'an excluded node',
        worker(1, 'eno2'),
        extCloud({ excludeNodes: ['worker-1'] }),
      ],
      [
        'a node the nodeSelector does not select',
        worker(1, 'eno2'),
        extCloud({
          nodeSelector: { matchLabels: { 'ovn.kubernetes.io/cloud': 'true' } },
        }),
      ],
    ])('says nothing about %s', (_case, w, network) => {
      expect(
        of(checkNetwork(input([w], network)), 'network.trunk-nic-covered'),
      ).toEqual([]);
    });
  });

  describe('network.ready-nodes', () => {
    it.each([
      ['all ready', extCloud(), 'ok'],
      [
        'a worker missing',
        extCloud({
          status: {
            readyNodes: MASTERS,
            notReadyNodes: ['worker-1'],
            vlans: ['vlan200'],
          },
        }),
        'problem',
      ],
      [
        'a missing worker that is excluded',
        extCloud({
          excludeNodes: ['worker-1'],
          status: { readyNodes: MASTERS, vlans: ['vlan200'] },
        }),
        'ok',
      ],
      ['no status yet', extCloud({ status: undefined }), 'unknown'],
    ])('%s → %s', (_case, network, outcome) => {
      const [finding] = of(
        checkNetwork(input([worker(1)], network)),
        'network.ready-nodes',
      );
      expect(finding.outcome).toBe(outcome);
    });

    it('names the missing nodes and shows the problem on their hosts too', () => {
      const [finding] = of(
        checkNetwork(
          input(
            [worker(1), worker(2)],
            extCloud({ status: { readyNodes: [...MASTERS, 'worker-2'] } }),
          ),
        ),
        'network.ready-nodes',
      ) as any[];
      expect(finding.title).toBe(
        'ProviderNetwork ext-cloud is not ready on worker-1',
      );
      expect(finding.also).toEqual([
        { kind: 'host', cluster: 'c1', namespace: 'metal3', name: 'worker-1' },
      ]);
      expect(finding.evidence[0]).toEqual({
        field: 'status.readyNodes',
        observed: [...MASTERS, 'worker-2'],
        expected: 'all of master-1, master-2, master-3, worker-1, worker-2',
        violation: true,
      });
      expect(finding.fix.commands).toContain(
        'kubectl logs -n kube-system -l app=kube-ovn-cni --field-selector spec.nodeName=worker-1',
      );
    });

    it('is unknown when the Nodes could not be read', () => {
      const [finding] = of(
        checkNetwork(
          input([worker(1)], extCloud(), {
            nodes: { unavailable: 'forbidden' },
          }),
        ),
        'network.ready-nodes',
      );
      expect(finding).toMatchObject({
        outcome: 'unknown',
        missing: 'no Node data: forbidden',
      });
    });
  });

  describe('network.vlan-subinterfaces', () => {
    it.each([
      ['VLANs present', extCloud(), undefined, 'ok'],
      [
        'no VLAN',
        extCloud({ status: { readyNodes: MASTERS, vlans: [] } }),
        undefined,
        'problem',
      ],
      [
        'an expected VLAN missing',
        extCloud(),
        { 'ext-cloud': ['vlan200', 'vlan400'] },
        'problem',
      ],
      ['all expected VLANs', extCloud(), { 'ext-cloud': ['vlan300'] }, 'ok'],
      ['no status yet', extCloud({ status: undefined }), undefined, 'unknown'],
    ])('%s → %s', (_case, network, expectedVlans, outcome) => {
      const [finding] = of(
        checkNetwork(input([], network, { expectedVlans })),
        'network.vlan-subinterfaces',
      );
      expect(finding.outcome).toBe(outcome);
    });

    it('names the missing VLANs', () => {
      const [finding] = of(
        checkNetwork(
          input([], extCloud(), {
            expectedVlans: { 'ext-cloud': ['vlan200', 'vlan400'] },
          }),
        ),
        'network.vlan-subinterfaces',
      );
      expect(finding.title).toBe(
        'VLANs vlan400 are not on ProviderNetwork ext-cloud',
      );
    });
  });

  it('is unknown everywhere, with the reason, when the cluster serves no kubeovn.io', () => {
    const findings = checkNetwork({
      ...input([worker(1), { ...worker(2), nodeName: undefined }]),
      providerNetworks: { unavailable: 'the cluster serves no kubeovn.io' },
    });
    expect(findings.map(f => [f.check, f.subject.kind, f.outcome])).toEqual([
      ['network.ready-nodes', 'cluster', 'unknown'],
      ['network.vlan-subinterfaces', 'cluster', 'unknown'],
      ['network.trunk-nic-covered', 'host', 'unknown'],
    ]);
    expect(findings[0]).toMatchObject({
      missing: 'no ProviderNetwork data: the cluster serves no kubeovn.io',
    });
  });

  it('warns when Kube-OVN is there but no ProviderNetwork is', () => {
    const findings = checkNetwork({
      ...input([worker(1)]),
      providerNetworks: [],
    });
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'network.ready-nodes',
        outcome: 'problem',
        severity: 'warning',
        title: 'No Kube-OVN ProviderNetwork in the cluster',
      }),
    ]);
  });
});

describe('interfaceForNode', () => {
  it.each([
    ['worker-1', 'eno2'],
    ['worker-2', 'eth1'],
  ])('%s uses %s', (node, nic) => {
    expect(
      interfaceForNode(
        {
          defaultInterface: 'eth1',
          customInterfaces: [{ interface: 'eno2', nodes: ['worker-1'] }],
        },
        node,
      ),
    ).toBe(nic);
  });
});
