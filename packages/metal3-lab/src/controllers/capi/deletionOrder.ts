import { KubeObject } from '../../types';
import { ANNOTATIONS } from './resources';

/**
 * Which Machines a MachineSet removes first when it scales down (CAPI
 * machineset_deletion_order.go, ../shared/notes/metal3.md §5.3): already
 * deleting, then marked with `cluster.x-k8s.io/delete-machine`, then
 * unhealthy (no Ready node), then by the set's order (Random default,
 * Newest, Oldest); ties by name.
 */
export function machinesToDelete(
  machines: KubeObject[],
  count: number,
  order: string | undefined,
  isHealthy: (machine: KubeObject) => boolean,
  random: () => number = Math.random,
): KubeObject[] {
  const priority = (m: KubeObject) => {
    if (m.metadata.deletionTimestamp) return 100;
    if (ANNOTATIONS.deleteMachine in (m.metadata.annotations ?? {})) return 80;
    if (!isHealthy(m)) return 50;
    return 0;
  };
  const created = (m: KubeObject) =>
    Date.parse(m.metadata.creationTimestamp ?? '') || 0;
  const tieBreak = new Map(machines.map(m => [m.metadata.uid, random()]));
  return [...machines]
    .sort((a, b) => {
      const byPriority = priority(b) - priority(a);
      if (byPriority !== 0) return byPriority;
      if (order === 'Newest' && created(a) !== created(b))
        return created(b) - created(a);
      if (order === 'Oldest' && created(a) !== created(b))
        return created(a) - created(b);
      if (order !== 'Newest' && order !== 'Oldest') {
        const byRandom =
          tieBreak.get(a.metadata.uid)! - tieBreak.get(b.metadata.uid)!;
        if (byRandom !== 0) return byRandom;
      }
      return a.metadata.name! < b.metadata.name! ? -1 : 1;
    })
    .slice(0, Math.max(0, count));
}
