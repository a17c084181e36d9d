import {
  ApprovalImpactDto,
  ImpactMachineDto,
} from '@metal3-fleet/plugin-metal3-common';
import {
  FleetLookup,
  MachineDeploymentProjection,
  MachineProjection,
} from '@metal3-fleet/plugin-metal3-node';

/** A Machine as the deletion order sees it. */
export interface MachineView {
  name: string;
  machineSet?: string;
  creationTimestamp?: string;
  deleting: boolean;
  marked: boolean;
  healthy: boolean;
  host?: string;
  node?: string;
}

export type DeletionOrder = 'Random' | 'Newest' | 'Oldest';

/**
 * The machines a MachineSet removes first when it shrinks by `count`, as
 * Cluster API orders them (internal/controllers/machineset,
 * machineset_deletion_order.go): machines already being deleted, then those
 * marked `cluster.x-k8s.io/delete-machine`, then unhealthy ones (no node, or
 * a node that is not Ready: what CAPI's NodeHealthy condition reports), then
 * the set's order. `Newest` and `Oldest` are by creation time (ties by
 * name), so the prediction is exact. `Random` (the default) is documented
 * as random: the remaining places go to "candidates", all of the healthy
 * machines any of which may go. CAPI's in-place-update priority is not
 * modelled: the portal does not do in-place updates.
 */
export function machinesCapiDeletesFirst(
  machines: MachineView[],
  count: number,
  order: DeletionOrder,
): { machines: ImpactMachineDto[]; certain: boolean } {
  // Code-point order, as Go compares strings.
  const byName = (a: MachineView, b: MachineView) => {
    if (a.name === b.name) return 0;
    return a.name < b.name ? -1 : 1;
  };
  const created = (m: MachineView) =>
    Date.parse(m.creationTimestamp ?? '') || 0;
  const picked: ImpactMachineDto[] = [];
  const take = (views: MachineView[], why: ImpactMachineDto['why']) => {
    for (const m of views) {
      if (picked.length >= count) return;
      picked.push({
        name: m.name,
        why,
        ...(m.host && { host: m.host }),
        ...(m.node && { node: m.node }),
      });
    }
  };
  const rest = [...machines].sort(byName);
  const deleting = rest.filter(m => m.deleting);
  const marked = rest.filter(m => !m.deleting && m.marked);
  const unhealthy = rest.filter(m => !m.deleting && !m.marked && !m.healthy);
  const healthy = rest.filter(m => !m.deleting && !m.marked && m.healthy);
  take(deleting, 'deleting');
  take(marked, 'marked');
  take(unhealthy, 'unhealthy');
  const left = count - picked.length;
  if (left <= 0) return { machines: picked, certain: true };
  if (order === 'Random') {
    const certain = left >= healthy.length;
    for (const m of healthy) {
      picked.push({
        name: m.name,
        why: 'candidate',
        ...(m.host && { host: m.host }),
        ...(m.node && { node: m.node }),
      });
    }
    return { machines: picked, certain };
  }
  // Ties (same second) by name, so the prediction does not depend on the
  // order the cache listed them in.
  const direction = order === 'Newest' ? -1 : 1;
  const sorted = [...healthy].sort(
    (a, b) => direction * (created(a) - created(b)) || byName(a, b),
  );
  take(sorted, order === 'Newest' ? 'newest' : 'oldest');
  return { machines: picked, certain: true };
}

/** The pool's deletion order (`spec.deletion.order`, v1beta1 `deletePolicy`); Random by default. */
export function deletionOrderOf(
  pool: MachineDeploymentProjection,
): DeletionOrder {
  const order = pool.deletionOrder;
  return order === 'Newest' || order === 'Oldest' ? order : 'Random';
}

/** The pool's machines with what the deletion order needs, read from the cache. */
export function poolMachineViews(
  cache: FleetLookup,
  pool: MachineDeploymentProjection,
): MachineView[] {
  return cache
    .list('machines')
    .filter(
      m => m.namespace === pool.namespace && m.deploymentName === pool.name,
    )
    .map(machine => machineView(cache, machine));
}

function machineView(
  cache: FleetLookup,
  machine: MachineProjection,
): MachineView {
  const infra = machine.infrastructureRef;
  const metal3Machine =
    infra?.kind === 'Metal3Machine'
      ? cache.get(
          'metal3machines',
          `${infra.namespace ?? machine.namespace}/${infra.name}`,
        )
      : undefined;
  const node = machine.nodeName
    ? cache.get('nodes', machine.nodeName)
    : undefined;
  return {
    name: machine.name,
    machineSet: machine.machineSetName,
    creationTimestamp: machine.creationTimestamp,
    deleting: machine.deleting,
    marked: machine.markedForDeletion,
    healthy: Boolean(node && node.ready === 'True'),
    host: metal3Machine?.hostRef?.split('/').pop(),
    node: machine.nodeName,
  };
}

/**
 * What scaling `pool` to `target` replicas does: how many machines go and
 * which (see {@link machinesCapiDeletesFirst}), with what makes the
 * prediction uncertain.
 */
export function scaleDownImpact(
  cache: FleetLookup,
  pool: MachineDeploymentProjection,
  target: number,
): ApprovalImpactDto {
  const machines = poolMachineViews(cache, pool);
  const current = pool.replicas ?? 1;
  const removing = Math.max(0, machines.length - target);
  const order = deletionOrderOf(pool);
  const picked = machinesCapiDeletesFirst(machines, removing, order);
  const warnings: string[] = [];
  const sets = new Set(
    machines.filter(m => !m.deleting).map(m => m.machineSet ?? ''),
  );
  if (sets.size > 1) {
    warnings.push(
      `A rollout is in progress (machines of ${sets.size} MachineSets): Cluster API shrinks the old MachineSets first, so the machines that go may differ`,
    );
  }
  if (machines.length !== current) {
    warnings.push(
      `The pool is still changing size: ${machines.length} machine${
        machines.length === 1 ? '' : 's'
      } for ${current} replicas`,
    );
  }
  const label = (m: ImpactMachineDto) => m.host ?? m.name;
  const sure = picked.machines.filter(m => m.why !== 'candidate');
  const candidates = picked.machines.filter(m => m.why === 'candidate');
  let which = [...sure, ...(picked.certain ? candidates : [])]
    .map(label)
    .join(', ');
  if (!picked.certain) {
    const left = removing - sure.length;
    warnings.push(
      `Deletion order Random: ${left} of the ${candidates.length} candidates go, whichever Cluster API picks`,
    );
    which = `${which ? `${which} and ` : ''}${left} of ${candidates
      .map(label)
      .join(', ')}`;
  }
  const scale = `Scale ${pool.name} from ${current} to ${target}`;
  return {
    summary:
      removing === 0
        ? `${scale}: no machine is deleted (the pool has ${machines.length})`
        : `${scale}: ${removing} machine${removing === 1 ? '' : 's'} deleted${
            which ? ` (${which})` : ''
          }, their nodes drained first`,
    deletionOrder: order,
    removing,
    machines: picked.machines,
    warnings,
  };
}
