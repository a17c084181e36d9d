import { KubeObject } from '../../types';
import { ControllerContext } from './context';
import {
  FINALIZERS,
  isNodeReady,
  nodeWithProviderID,
  nowIso,
  R,
} from './resources';

/**
 * The Machine controller: follows its Metal3Machine to a provider ID, links
 * the Node that joins with that provider ID (nodeRef), keeps the phase
 * (Pending → Provisioning → Provisioned → Running, Deleting) and on deletion
 * removes the Metal3Machine first, then the Node, then its finalizer.
 */
export function reconcileMachine(
  ctx: ControllerContext,
  machine: KubeObject,
): void {
  const { store } = ctx;
  const namespace = machine.metadata.namespace!;
  const name = machine.metadata.name!;
  const infraName = machine.spec?.infrastructureRef?.name;
  const m3m = infraName ? store.get(R.m3m, namespace, infraName) : undefined;

  if (machine.metadata.deletionTimestamp) {
    setPhase(ctx, machine, 'Deleting');
    if (m3m) {
      if (!m3m.metadata.deletionTimestamp)
        store.delete(R.m3m, namespace, infraName);
      return; // wait until the host is released and the Metal3Machine gone
    }
    const nodeName = machine.status?.nodeRef?.name;
    if (nodeName && store.get(R.node, undefined, nodeName)) {
      store.delete(R.node, undefined, nodeName);
    }
    const latest = store.get(R.machine, namespace, name);
    if (latest && latest.metadata.finalizers?.includes(FINALIZERS.machine)) {
      latest.metadata.finalizers = latest.metadata.finalizers.filter(
        f => f !== FINALIZERS.machine,
      );
      store.update(R.machine, latest);
    }
    return;
  }

  if (!machine.metadata.finalizers?.includes(FINALIZERS.machine)) {
    const latest = store.get(R.machine, namespace, name)!;
    latest.metadata.finalizers = [
      ...(latest.metadata.finalizers ?? []),
      FINALIZERS.machine,
    ];
    store.update(R.machine, latest);
    return;
  }

  const providerID: string | undefined = m3m?.spec?.providerID;
  const provisioned = Boolean(m3m?.status?.initialization?.provisioned);
  if (providerID && machine.spec?.providerID !== providerID) {
    const latest = store.get(R.machine, namespace, name)!;
    latest.spec.providerID = providerID;
    store.update(R.machine, latest);
    return;
  }
  const node = providerID ? nodeWithProviderID(store, providerID) : undefined;
  let phase = 'Pending';
  if (m3m) phase = 'Provisioning';
  if (provisioned) phase = 'Provisioned';
  if (node) phase = 'Running';
  const status = {
    ...machine.status,
    phase,
    initialization: {
      bootstrapDataSecretCreated: true,
      infrastructureProvisioned: provisioned,
    },
    ...(node && { nodeRef: { name: node.metadata.name } }),
    ...(node && { addresses: node.status?.addresses ?? [] }),
    ...(node && { nodeInfo: node.status?.nodeInfo }),
    conditions: [
      condition(
        'Ready',
        Boolean(node && isNodeReady(node)),
        machine.status?.conditions,
      ),
      condition(
        'NodeHealthy',
        Boolean(node && isNodeReady(node)),
        machine.status?.conditions,
      ),
    ],
  };
  writeStatus(ctx, machine, status);
}

function setPhase(ctx: ControllerContext, machine: KubeObject, phase: string) {
  if (machine.status?.phase === phase) return;
  writeStatus(ctx, machine, { ...machine.status, phase });
}

function writeStatus(ctx: ControllerContext, machine: KubeObject, status: any) {
  const latest = ctx.store.get(
    R.machine,
    machine.metadata.namespace,
    machine.metadata.name!,
  );
  if (!latest || JSON.stringify(latest.status) === JSON.stringify(status))
    return;
  ctx.store.update(R.machine, { ...latest, status }, { subresource: 'status' });
}

/** A metav1 condition, keeping lastTransitionTime while the status holds. */
export function condition(
  type: string,
  ok: boolean,
  previous: any[] | undefined,
) {
  const status = ok ? 'True' : 'False';
  const before = (previous ?? []).find(c => c.type === type);
  return {
    type,
    status,
    reason: ok ? type : `Not${type}`,
    message: '',
    lastTransitionTime:
      before && before.status === status ? before.lastTransitionTime : nowIso(),
  };
}
