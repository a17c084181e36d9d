import { fieldProblem, FieldError } from './fieldErrors';

export interface CustomInterface {
  interface: string;
  nodes?: string[];
}

/** Kube-OVN's rule for interface names (CRD pattern and Linux IFNAMSIZ). */
const IFNAME = /^[^/\s]{1,15}$/;

export function validateAssignments(
  assignments: { node: string; interface: string }[],
  field = 'interfaces',
): FieldError[] {
  return assignments
    .filter(a => !IFNAME.test(a.interface))
    .map(a =>
      fieldProblem(
        field,
        `"${a.interface}" of node ${a.node} is not a valid interface name`,
      ),
    );
}

/**
 * Kube-OVN `customInterfaces` with each node listed under its trunk NIC: a node
 * whose NIC is the `defaultInterface` needs no entry, every other node is moved
 * to the entry of its NIC (removed from any other entry). Other nodes' entries
 * are kept as they are; entries left with no node are kept too (an operator
 * may have declared them ahead).
 */
export function mergeCustomInterfaces(
  defaultInterface: string,
  current: CustomInterface[] | undefined,
  assignments: { node: string; interface: string }[],
): CustomInterface[] {
  const assigned = new Set(assignments.map(a => a.node));
  const result: CustomInterface[] = (current ?? []).map(entry => ({
    interface: entry.interface,
    nodes: (entry.nodes ?? []).filter(n => !assigned.has(n)),
  }));
  for (const { node, interface: nic } of assignments) {
    if (nic === defaultInterface) continue;
    let entry = result.find(e => e.interface === nic);
    if (!entry) {
      entry = { interface: nic, nodes: [] };
      result.push(entry);
    }
    entry.nodes!.push(node);
  }
  for (const entry of result) entry.nodes!.sort();
  return result;
}
