import type {
  Available,
  MachineJoinFacts,
  NamespacedRef,
  WorkerNodeFacts,
} from '@metal3-fleet/plugin-metal3-common';
import type { MachineProjection } from '../../cluster/projections';
import type { FleetLookup } from '../../fleet/fleetLinks';
import { LinkedHost, refOf } from './hostLinks';

/**
 * A pool member and its Node's labels. The Node comes from the Machine's
 * nodeRef; a Machine whose Node is not in the cache is unknown, not
 * compliant.
 */
export function workerNodeFacts(
  worker: LinkedHost,
  nodes: Available<unknown>,
): WorkerNodeFacts {
  const nodeName = worker.links.machine?.nodeName;
  let labels: WorkerNodeFacts['labels'];
  if (!Array.isArray(nodes)) {
    labels = nodes as { unavailable: string };
  } else if (worker.links.node) {
    labels = worker.links.node.labels;
  } else {
    labels = { unavailable: `Node ${nodeName} is not in the cluster` };
  }
  return {
    host: worker.ref,
    ...(worker.pool && { pool: worker.pool }),
    ...(nodeName && { nodeName }),
    labels,
  };
}

/**
 * Every Machine of a Metal3 pool with what the join check needs: its
 * providerID, its Node and when its host finished provisioning (the host's
 * operationHistory.provision.end).
 */
export function machineJoinFacts(
  cache: FleetLookup,
  byMachine: ReadonlyMap<string, LinkedHost>,
): MachineJoinFacts[] {
  return cache
    .list('machines')
    .filter(m => !m.deleting)
    .map((machine: MachineProjection) => {
      const host = byMachine.get(`${machine.namespace}/${machine.name}`);
      const pool: NamespacedRef | undefined = machine.deploymentName
        ? { namespace: machine.namespace ?? '', name: machine.deploymentName }
        : undefined;
      const provisionedAt = host?.host.operationHistory.provision?.end;
      return {
        machine: refOf(machine),
        ...(host && { host: host.ref }),
        ...(pool && { pool }),
        ...(machine.providerID && { providerID: machine.providerID }),
        ...(machine.nodeName && { nodeName: machine.nodeName }),
        ...(provisionedAt && { provisionedAt }),
      };
    });
}

/** Hosts by the `namespace/name` of the Machine they serve. */
export function hostsByMachine(
  hosts: readonly LinkedHost[],
): Map<string, LinkedHost> {
  const byMachine = new Map<string, LinkedHost>();
  for (const host of hosts) {
    const machine = host.links.machine;
    if (machine) byMachine.set(`${machine.namespace}/${machine.name}`, host);
  }
  return byMachine;
}
