/**
 * Kube-OVN ProviderNetwork coverage, the guide's phase 5.1 ("Update
 * ProviderNetwork"), 5.3 ("Verify Worker Networking") and troubleshooting
 * "Kube-OVN Not Working on Worker": every node ready in the network, every
 * worker's trunk NIC named for it, the VLANs on it.
 */
import { LabelSelector, matchesLabelSelector } from '../selectors';
import { FIX_TEMPLATES } from './catalogue';
import { okFinding, problemFinding, unknownFinding } from './findings';
import { Available, isUnavailable } from './inputs';
import { clusterSubject, NamespacedRef, objectSubject } from './subjects';
import { InspectedNic, isTrunkCandidate, pickTrunkNic } from './trunkNic';
import type {
  CheckEvidence,
  CheckFinding,
  CheckFix,
  CheckSubject,
} from './types';

const UPDATE_PN = 'Phase 5.1 — Update ProviderNetwork';
const VERIFY_NETWORKING = 'Phase 5.3 — Verify Worker Networking';
const KUBE_OVN_TROUBLESHOOTING =
  'Troubleshooting — Kube-OVN Not Working on Worker';

/** A Kube-OVN ProviderNetwork (cluster-scoped). @public */
export interface ProviderNetworkFacts {
  name: string;
  defaultInterface: string;
  customInterfaces?: { interface: string; nodes?: string[] }[];
  excludeNodes?: string[];
  nodeSelector?: LabelSelector;
  /** Absent until Kube-OVN's controller has reported on the network. */
  status?: {
    readyNodes?: string[];
    notReadyNodes?: string[];
    vlans?: string[];
  };
}

/** A Node of the cluster (masters and workers). @public */
export interface ClusterNodeFacts {
  name: string;
  labels?: Record<string, string>;
}

/** A worker of a pool: its host, its Node, its inspected NICs. @public */
export interface WorkerNetworkFacts {
  host: NamespacedRef;
  pool?: NamespacedRef;
  /** The Node it joined as; undefined while it has not joined. */
  nodeName?: string;
  bootMACAddress?: string;
  /** `status.hardware.nics`; unavailable when not inspected or not read. */
  nics: Available<InspectedNic[]>;
  /** A trunk NIC name configured for its pool, instead of the pick by rule. */
  trunkNicName?: string;
}

/** @public */
export interface NetworkInput {
  cluster: string;
  /** Unavailable when the cluster serves no kubeovn.io or it could not be listed. */
  providerNetworks: Available<ProviderNetworkFacts[]>;
  nodes: Available<ClusterNodeFacts[]>;
  workers: WorkerNetworkFacts[];
  /** VLANs each network must carry (configuration), e.g. `{ 'ext-cloud': ['vlan200', 'vlan300'] }`. */
  expectedVlans?: Record<string, string[]>;
}

/** Every network check: per ProviderNetwork (ready nodes, VLANs) and per joined worker (trunk NIC). @public */
export function checkNetwork(input: NetworkInput): CheckFinding[] {
  if (isUnavailable(input.providerNetworks)) {
    return unknownEverywhere(input, input.providerNetworks.unavailable);
  }
  const networks = input.providerNetworks;
  if (networks.length === 0) {
    return [
      problemFinding({
        check: 'network.ready-nodes',
        subject: clusterSubject(input.cluster),
        severity: 'warning',
        title: 'No Kube-OVN ProviderNetwork in the cluster',
        evidence: [
          {
            field: 'ProviderNetworks',
            observed: [],
            expected: 'the cloud/provider network (e.g. ext-cloud)',
            violation: true,
          },
        ],
        fix: {
          text: 'Workers reach the cloud and provider VLANs through a ProviderNetwork on their trunk NIC: create it as the Kube-DC installation does.',
          guide: UPDATE_PN,
          commands: ['kubectl get provider-networks'],
        },
      }),
    ];
  }
  return networks.flatMap(network => [
    readyNodes(input, network),
    ...input.workers.flatMap(worker => trunkNic(input, network, worker)),
    vlans(input, network),
  ]);
}

function networkSubject(cluster: string, name: string): CheckSubject {
  return { kind: 'provider-network', cluster, name };
}

/** Whether Kube-OVN attaches the network on a node (not excluded, selected). */
function isExpectedOn(
  network: ProviderNetworkFacts,
  node: ClusterNodeFacts,
): boolean {
  if (network.excludeNodes?.includes(node.name)) return false;
  return (
    !network.nodeSelector ||
    matchesLabelSelector(node.labels, network.nodeSelector)
  );
}

/** The interface Kube-OVN uses on a node: its customInterfaces entry, else defaultInterface. @public */
export function interfaceForNode(
  network: Pick<ProviderNetworkFacts, 'defaultInterface' | 'customInterfaces'>,
  node: string,
): string {
  const custom = network.customInterfaces?.find(c =>
    (c.nodes ?? []).includes(node),
  );
  return custom?.interface ?? network.defaultInterface;
}

function readyNodes(
  input: NetworkInput,
  network: ProviderNetworkFacts,
): CheckFinding {
  const subject = networkSubject(input.cluster, network.name);
  const common = { check: 'network.ready-nodes' as const, subject };
  if (isUnavailable(input.nodes)) {
    return unknownFinding({
      ...common,
      title: `ProviderNetwork ${network.name}: nodes not read`,
      missing: `no Node data: ${input.nodes.unavailable}`,
    });
  }
  if (!network.status) {
    return unknownFinding({
      ...common,
      title: `ProviderNetwork ${network.name} has no status yet`,
      missing: `status.readyNodes of ProviderNetwork ${network.name}: Kube-OVN has not reported on it`,
    });
  }
  const expected = input.nodes
    .filter(n => isExpectedOn(network, n))
    .map(n => n.name)
    .sort();
  const ready = network.status.readyNodes ?? [];
  const missing = expected.filter(n => !ready.includes(n));
  const evidence: CheckEvidence[] = [
    {
      field: 'status.readyNodes',
      observed: ready,
      expected: `all of ${expected.join(', ')}`,
      violation: missing.length > 0,
    },
    ...(network.status.notReadyNodes?.length
      ? [
          {
            field: 'status.notReadyNodes',
            observed: network.status.notReadyNodes,
          },
        ]
      : []),
    ...(network.excludeNodes?.length
      ? [{ field: 'spec.excludeNodes', observed: network.excludeNodes }]
      : []),
  ];
  if (missing.length === 0) {
    return okFinding({
      ...common,
      title: `ProviderNetwork ${network.name} ready on all ${expected.length} nodes`,
      evidence,
    });
  }
  const hostsOfMissing = input.workers
    .filter(w => w.nodeName && missing.includes(w.nodeName))
    .map(w => objectSubject('host', input.cluster, w.host));
  return problemFinding({
    ...common,
    also: hostsOfMissing,
    severity: 'error',
    title: `ProviderNetwork ${network.name} is not ready on ${missing.join(
      ', ',
    )}`,
    evidence,
    fix: {
      text: `Verify all nodes (masters + workers) are ready in the ProviderNetwork. The common cause on a worker is a trunk NIC not matched in the ProviderNetwork: add a customInterfaces entry (the host page offers it prefilled); otherwise read the kube-ovn-cni pod of the node.`,
      guide: `${UPDATE_PN}; ${KUBE_OVN_TROUBLESHOOTING}`,
      commands: [
        `kubectl get provider-networks ${network.name} -o jsonpath='{.status.readyNodes}'`,
        ...missing.map(
          node =>
            `kubectl logs -n kube-system -l app=kube-ovn-cni --field-selector spec.nodeName=${node}`,
        ),
      ],
    },
  });
}

function trunkNic(
  input: NetworkInput,
  network: ProviderNetworkFacts,
  worker: WorkerNetworkFacts,
): CheckFinding[] {
  // A worker without Node is not a Kube-OVN node yet (practice.worker-joined
  // reports it); an excluded or unselected node is not meant to be covered.
  const node = worker.nodeName;
  if (!node) return [];
  if (!isUnavailable(input.nodes)) {
    const facts = input.nodes.find(n => n.name === node) ?? { name: node };
    if (!isExpectedOn(network, facts)) return [];
  }
  const subject = objectSubject('host', input.cluster, worker.host);
  const common = {
    check: 'network.trunk-nic-covered' as const,
    subject,
    item: network.name,
    also: [
      ...(worker.pool
        ? [objectSubject('pool', input.cluster, worker.pool)]
        : []),
      networkSubject(input.cluster, network.name),
    ],
  };
  if (isUnavailable(worker.nics)) {
    return [
      unknownFinding({
        ...common,
        title: `${worker.host.name}: NICs not known`,
        missing: `the NICs of ${worker.host.name}: ${worker.nics.unavailable}`,
      }),
    ];
  }
  const nics = worker.nics;
  const used = interfaceForNode(network, node);
  const custom = network.customInterfaces?.find(c =>
    (c.nodes ?? []).includes(node),
  );
  const trunk = pickTrunkNic(nics, worker.bootMACAddress, worker.trunkNicName);
  const names = [...new Set(nics.map(n => n.name).filter(Boolean))] as string[];
  const usable = isTrunkCandidate(nics, used, worker.bootMACAddress);
  const evidence: CheckEvidence[] = [
    {
      field: custom
        ? `ProviderNetwork ${network.name} spec.customInterfaces (${node})`
        : `ProviderNetwork ${network.name} spec.defaultInterface`,
      observed: used,
      ...(trunk && {
        expected: `${trunk} (the trunk NIC of ${worker.host.name})`,
      }),
      violation: !usable,
    },
    {
      field: `BareMetalHost ${worker.host.name} status.hardware.nics[].name`,
      observed: names,
      expected: `contains ${used}`,
      violation: !names.includes(used),
    },
    ...(trunk
      ? [
          {
            field: worker.trunkNicName
              ? 'trunk NIC (configured for the pool)'
              : 'trunk NIC (fastest NIC without address, not the boot NIC)',
            observed: trunk,
          },
        ]
      : []),
  ];
  if (usable) {
    return [
      okFinding({
        ...common,
        title: `Kube-OVN uses ${used} on ${node} for ${network.name}`,
        evidence,
      }),
    ];
  }
  const present = names.includes(used);
  const title = present
    ? `Kube-OVN would bridge ${used} on ${node}, which is ${worker.host.name}'s management NIC, for ${network.name}`
    : `Trunk NIC${trunk ? ` ${trunk}` : ''} of ${
        worker.host.name
      } is not in ProviderNetwork ${network.name} (it uses ${used}, which ${
        worker.host.name
      } does not have)`;
  return [
    problemFinding({
      ...common,
      severity: 'error',
      title,
      evidence,
      fix: trunkFix(input.cluster, network, worker, node, trunk),
    }),
  ];
}

function trunkFix(
  cluster: string,
  network: ProviderNetworkFacts,
  worker: WorkerNetworkFacts,
  node: string,
  trunk: string | undefined,
): CheckFix {
  const guide = `${UPDATE_PN}; ${KUBE_OVN_TROUBLESHOOTING}`;
  if (!trunk && worker.trunkNicName) {
    return {
      text: `The trunk NIC configured for the pool, ${worker.trunkNicName}, is not among the NICs inspection found on ${worker.host.name}: correct the configured name or re-inspect the host.`,
      guide,
      commands: [
        `kubectl get bmh ${worker.host.name} -n ${worker.host.namespace} -o jsonpath='{.status.hardware.nics[*].name}'`,
      ],
    };
  }
  if (!trunk) {
    return {
      text: `Fix by adding a customInterfaces entry for the worker's trunk NIC, but ${worker.host.name} has no NIC without an address besides its boot NIC: check the trunk cabling and the inspection data (kubectl get bmh ${worker.host.name} -o jsonpath='{.status.hardware.nics}').`,
      guide,
      commands: [
        `kubectl get bmh ${worker.host.name} -n ${worker.host.namespace} -o jsonpath='{.status.hardware.nics[*].name}'`,
      ],
    };
  }
  const text = `Worker's trunk NIC not matched in ProviderNetwork: add a customInterfaces entry (interface ${trunk}, node ${node}). If workers have different NIC names, add customInterfaces.`;
  if (!worker.pool) {
    return {
      text,
      guide,
      commands: [
        `kubectl get provider-networks ${network.name} -o yaml  # add {interface: ${trunk}, nodes: [${node}]} to spec.customInterfaces`,
      ],
    };
  }
  return {
    text,
    guide,
    template: {
      name: FIX_TEMPLATES.updateProviderNetwork.name,
      action: FIX_TEMPLATES.updateProviderNetwork.action,
      values: {
        cluster,
        providerNetwork: network.name,
        namespace: worker.pool.namespace,
        pool: worker.pool.name,
        nicName: trunk,
      },
    },
  };
}

function vlans(
  input: NetworkInput,
  network: ProviderNetworkFacts,
): CheckFinding {
  const subject = networkSubject(input.cluster, network.name);
  const common = { check: 'network.vlan-subinterfaces' as const, subject };
  if (!network.status) {
    return unknownFinding({
      ...common,
      title: `ProviderNetwork ${network.name} has no status yet`,
      missing: `status.vlans of ProviderNetwork ${network.name}: Kube-OVN has not reported on it`,
    });
  }
  const present = network.status.vlans ?? [];
  const wanted = input.expectedVlans?.[network.name];
  const missing = (wanted ?? []).filter(v => !present.includes(v));
  const violation = wanted ? missing.length > 0 : present.length === 0;
  const evidence: CheckEvidence[] = [
    {
      field: 'status.vlans',
      observed: present,
      expected: wanted ? `all of ${wanted.join(', ')}` : 'at least one VLAN',
      violation,
    },
  ];
  if (!violation) {
    return okFinding({
      ...common,
      title: `VLANs on ${network.name}: ${present.join(', ')}`,
      evidence,
    });
  }
  return problemFinding({
    ...common,
    severity: 'warning',
    title: wanted
      ? `VLANs ${missing.join(', ')} are not on ProviderNetwork ${network.name}`
      : `No VLAN uses ProviderNetwork ${network.name}`,
    evidence,
    fix: {
      text: 'Check that VLAN subinterfaces were created: each cloud and provider VLAN is a Kube-OVN Vlan whose provider is this network (expected e.g. ["vlan200","vlan300"]).',
      guide: VERIFY_NETWORKING,
      commands: [
        `kubectl get provider-networks ${network.name} -o jsonpath='{.status.vlans}'`,
        'kubectl get vlans',
      ],
    },
  });
}

function unknownEverywhere(
  input: NetworkInput,
  reason: string,
): CheckFinding[] {
  const missing = `no ProviderNetwork data: ${reason}`;
  const cluster = clusterSubject(input.cluster);
  return [
    unknownFinding({
      check: 'network.ready-nodes',
      subject: cluster,
      title: 'ProviderNetworks not read',
      missing,
    }),
    unknownFinding({
      check: 'network.vlan-subinterfaces',
      subject: cluster,
      title: 'ProviderNetworks not read',
      missing,
    }),
    ...input.workers
      .filter(w => w.nodeName)
      .map(w =>
        unknownFinding({
          check: 'network.trunk-nic-covered',
          subject: objectSubject('host', input.cluster, w.host),
          ...(w.pool && {
            also: [objectSubject('pool', input.cluster, w.pool)],
          }),
          title: `${w.host.name}: ProviderNetworks not read`,
          missing,
        }),
      ),
  ];
}
