import { KubeObject } from '../../types';
import { ControllerContext } from './context';
import { nodeSystemInfo } from '../nodeInfo';
import { isNodeReady, nodeWithProviderID, nowIso, R } from './resources';

/** A provisioned server boots and its kubelet joins within a couple of minutes. */
const JOIN_MS = 90_000;
/** node-monitor-grace-period: a silent kubelet turns the Node NotReady after 40 s. */
const GRACE_MS = 40_000;
const SYNCED_LABEL_PREFIXES = [
  'node-role.kubernetes.io/',
  'node-restriction.kubernetes.io/',
  'node.cluster.x-k8s.io/',
];

/**
 * The workload cluster's side: a Node joins when the provisioned host it
 * runs on is powered on, turns NotReady when the host loses power and
 * Ready again when it is back, with the real delays. The lab keeps Nodes in
 * the management cluster's store (it simulates one cluster per API server).
 */
export function reconcileNodes(
  ctx: ControllerContext,
  namespace: string,
  timers: Map<string, number>,
): void {
  const { store } = ctx;
  for (const m3m of store.list(R.m3m, { namespace })) {
    const providerID: string | undefined = m3m.spec?.providerID;
    if (!providerID || m3m.metadata.deletionTimestamp) continue;
    const hostName = providerID.split('/')[3];
    const host = store.get(R.bmh, namespace, hostName);
    if (!host) continue;
    const running =
      host.status?.provisioning?.state === 'provisioned' &&
      host.status?.poweredOn === true;
    const node = nodeWithProviderID(store, providerID);
    const key = `${namespace}/${hostName}`;
    const wantReady = running;
    const isReady = node ? isNodeReady(node) : false;
    if ((node !== undefined || !running) && isReady === wantReady) {
      timers.delete(key);
      continue;
    }
    const delay = wantReady ? JOIN_MS : GRACE_MS;
    const due = timers.get(key) ?? Date.now() + delay / ctx.speed;
    timers.set(key, due);
    if (Date.now() < due) {
      ctx.requeue(namespace, (due - Date.now()) * ctx.speed + 10);
      continue;
    }
    timers.delete(key);
    if (!node) {
      if (wantReady) store.create(R.node, newNode(ctx, m3m, host, providerID));
      continue;
    }
    store.update(
      R.node,
      { ...node, status: { ...node.status, conditions: readiness(wantReady) } },
      { subresource: 'status' },
    );
    ctx.event(
      host,
      wantReady ? 'Normal' : 'Warning',
      wantReady ? 'NodeReady' : 'NodeNotReady',
      `Node ${node.metadata.name} is ${wantReady ? 'Ready' : 'NotReady'}`,
    );
  }
}

function readiness(ready: boolean) {
  const now = nowIso();
  return [
    {
      type: 'Ready',
      status: ready ? 'True' : 'Unknown',
      reason: ready ? 'KubeletReady' : 'NodeStatusUnknown',
      message: ready
        ? 'kubelet is posting ready status'
        : 'Kubelet stopped posting node status.',
      lastHeartbeatTime: now,
      lastTransitionTime: now,
    },
  ];
}

function newNode(
  ctx: ControllerContext,
  m3m: KubeObject,
  host: KubeObject,
  providerID: string,
): KubeObject {
  const machineName = m3m.metadata.ownerReferences?.find(
    o => o.kind === 'Machine',
  )?.name;
  const machine = machineName
    ? ctx.store.get(R.machine, m3m.metadata.namespace, machineName)
    : undefined;
  const synced = Object.fromEntries(
    Object.entries(machine?.metadata.labels ?? {}).filter(([k]) =>
      SYNCED_LABEL_PREFIXES.some(p => k.startsWith(p)),
    ),
  );
  const hardware = host.status?.hardware ?? {};
  const name = host.metadata.name!;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch':
          hardware.cpu?.arch === 'aarch64' ? 'arm64' : 'amd64',
        'node-role.kubernetes.io/worker': 'true',
        ...synced,
      },
      annotations: {
        ...(machineName && { 'cluster.x-k8s.io/machine': machineName }),
        'cluster.x-k8s.io/owner-kind': 'MachineSet',
      },
    },
    spec: { providerID },
    status: {
      conditions: readiness(true),
      addresses: [
        ...(hardware.nics ?? [])
          .filter((n: any) => n.ip)
          .slice(0, 1)
          .map((n: any) => ({ type: 'InternalIP', address: n.ip })),
        { type: 'Hostname', address: name },
      ],
      capacity: {
        cpu: String(hardware.cpu?.count ?? 0),
        memory: `${(hardware.ramMebibytes ?? 0) * 1024}Ki`,
      },
      nodeInfo: nodeSystemInfo({
        hostName: name,
        kubeletVersion: `${machine?.spec?.version ?? 'v1.33.0'}+rke2r1`,
        arch: hardware.cpu?.arch,
      }),
    },
  };
}
