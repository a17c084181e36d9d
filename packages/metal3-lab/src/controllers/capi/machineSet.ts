import { KubeObject } from '../../types';
import { ControllerContext } from './context';
import { machinesToDelete } from './deletionOrder';
import {
  CAPI_V,
  FINALIZERS,
  isNodeReady,
  isOwnedBy,
  LABELS,
  ownerRef,
  R,
  randomSuffix,
} from './resources';

/** Machines of a set: all not being deleted, with a Ready node, available. */
export function machineCounts(
  ctx: ControllerContext,
  ms: KubeObject,
): { total: number; ready: number; available: number } {
  let total = 0;
  let ready = 0;
  for (const machine of ownedMachines(ctx, ms)) {
    if (machine.metadata.deletionTimestamp) continue;
    total += 1;
    if (machineNodeReady(ctx, machine)) ready += 1;
  }
  // minReadySeconds is not simulated: a Ready machine is available at once.
  return { total, ready, available: ready };
}

export function machineNodeReady(
  ctx: ControllerContext,
  machine: KubeObject,
): boolean {
  const nodeName = machine.status?.nodeRef?.name;
  return nodeName
    ? isNodeReady(ctx.store.get(R.node, undefined, nodeName))
    : false;
}

function ownedMachines(ctx: ControllerContext, ms: KubeObject): KubeObject[] {
  return ctx.store
    .list(R.machine, { namespace: ms.metadata.namespace })
    .filter(m => isOwnedBy(m, ms));
}

/**
 * The MachineSet controller: creates Machines (each with a Metal3Machine
 * cloned from the infrastructure template) up to spec.replicas and deletes
 * the surplus in CAPI's deletion order; keeps its replica counters.
 */
export function reconcileMachineSet(
  ctx: ControllerContext,
  ms: KubeObject,
): void {
  const { store } = ctx;
  if (ms.metadata.deletionTimestamp) return;
  const namespace = ms.metadata.namespace!;
  const machines = ownedMachines(ctx, ms);
  const alive = machines.filter(m => !m.metadata.deletionTimestamp);
  const desired: number = ms.spec?.replicas ?? 1;
  if (alive.length < desired) {
    for (let i = alive.length; i < desired; i++) createMachine(ctx, ms);
  } else if (alive.length > desired) {
    const doomed = machinesToDelete(
      alive,
      alive.length - desired,
      ms.spec?.deletion?.order,
      m => machineNodeReady(ctx, m),
    );
    for (const machine of doomed) {
      store.delete(R.machine, namespace, machine.metadata.name!);
      ctx.event(
        ms,
        'Normal',
        'SuccessfulDelete',
        `Deleted Machine ${machine.metadata.name}`,
      );
    }
  }
  const counts = machineCounts(ctx, ms);
  const status = {
    ...ms.status,
    observedGeneration: ms.metadata.generation,
    replicas: counts.total,
    readyReplicas: counts.ready,
    availableReplicas: counts.available,
    upToDateReplicas: counts.total,
    selector: Object.entries(ms.spec?.selector?.matchLabels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
  };
  const latest = store.get(R.ms, namespace, ms.metadata.name!);
  if (latest && JSON.stringify(latest.status) !== JSON.stringify(status)) {
    store.update(R.ms, { ...latest, status }, { subresource: 'status' });
  }
}

function createMachine(ctx: ControllerContext, ms: KubeObject): void {
  const { store } = ctx;
  const namespace = ms.metadata.namespace!;
  const template = ms.spec?.template ?? {};
  const infraRef = template.spec?.infrastructureRef;
  const infraTemplate = infraRef
    ? store.get(R.m3mt, namespace, infraRef.name)
    : undefined;
  if (!infraTemplate) {
    ctx.event(
      ms,
      'Warning',
      'FailedCreate',
      `infrastructure template ${infraRef?.name} not found`,
    );
    ctx.requeue(namespace, 30_000);
    return;
  }
  const name = `${ms.metadata.name}-${randomSuffix()}`;
  const machine = store.create(R.machine, {
    apiVersion: CAPI_V,
    kind: 'Machine',
    metadata: {
      name,
      namespace,
      labels: {
        ...(template.metadata?.labels ?? {}),
        [LABELS.setName]: ms.metadata.name!,
        // machineLabelsFromMachineSet: the deployment's name comes from the
        // MachineSet's labels (a topology pool's template does not carry it).
        ...(ms.metadata.labels?.[LABELS.deploymentName] && {
          [LABELS.deploymentName]: ms.metadata.labels[LABELS.deploymentName],
        }),
        ...(ms.spec?.clusterName && {
          [LABELS.clusterName]: ms.spec.clusterName,
        }),
      },
      finalizers: [FINALIZERS.machine],
      ownerReferences: [ownerRef(ms)],
    },
    spec: {
      ...template.spec,
      clusterName: ms.spec?.clusterName ?? template.spec?.clusterName,
      infrastructureRef: {
        apiGroup: 'infrastructure.cluster.x-k8s.io',
        kind: 'Metal3Machine',
        name,
      },
    },
  });
  store.create(R.m3m, {
    apiVersion: infraTemplate.apiVersion,
    kind: 'Metal3Machine',
    metadata: {
      name,
      namespace,
      labels: { ...(machine.metadata.labels ?? {}) },
      annotations: {
        'cluster.x-k8s.io/cloned-from-name': infraTemplate.metadata.name!,
        'cluster.x-k8s.io/cloned-from-groupkind':
          'Metal3MachineTemplate.infrastructure.cluster.x-k8s.io',
      },
      finalizers: [FINALIZERS.m3m],
      ownerReferences: [ownerRef(machine)],
    },
    spec: structuredClone(infraTemplate.spec?.template?.spec ?? {}),
  });
  ctx.event(ms, 'Normal', 'SuccessfulCreate', `Created Machine ${name}`);
}
